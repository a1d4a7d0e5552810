package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the proxy needs of HLS playlists: the newest frame's time, and every URI replaced (lines and URI attributes). */
class HlsPlaylistTest {

  @Test
  void theNewestFrameEndsTheLastSegment() {
    HlsPlaylist p = HlsPlaylist.parse("""
        #EXTM3U
        #EXT-X-TARGETDURATION:4
        #EXT-X-PROGRAM-DATE-TIME:2026-11-26T03:00:00.000Z
        #EXTINF:4.0,
        a.ts
        #EXTINF:2.5,
        b.ts
        """);
    assertThat(p.isMaster()).isFalse();
    assertThat(p.uris()).containsExactly("a.ts", "b.ts");
    assertThat(p.newestFrame()).isEqualTo(Instant.parse("2026-11-26T03:00:06.500Z"));
    assertThat(HlsPlaylist.parse("#EXTM3U\n#EXTINF:4,\na.ts\n").newestFrame()).isNull();
  }

  @Test
  void everyUriIsReplacedPlaylistsAsPlaylistsAndPartsAsParts() {
    String master = "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"audio/index.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n";
    String out = HlsPlaylist.rewrite(master, URI.create("http://cam.example/live/master.m3u8"), (uri, playlist) -> (playlist ? "P:" : "S:") + uri);
    assertThat(out).contains("URI=\"P:http://cam.example/live/audio/index.m3u8\"").contains("\nP:http://cam.example/live/low/index.m3u8\n");
    String media = "#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"../key.bin\"\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2,\nseg1.m4s\n";
    String rewritten = HlsPlaylist.rewrite(media, URI.create("http://cam.example/live/low/index.m3u8"), (uri, playlist) -> (playlist ? "P:" : "S:") + uri);
    assertThat(rewritten).contains("URI=\"S:http://cam.example/live/key.bin\"").contains("URI=\"S:http://cam.example/live/low/init.mp4\"")
        .contains("\nS:http://cam.example/live/low/seg1.m4s\n").doesNotContain("\nseg1.m4s");
  }
}
