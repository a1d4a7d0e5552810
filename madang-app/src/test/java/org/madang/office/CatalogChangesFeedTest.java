package org.madang.office;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /catalog/changes.atom} on the demo city is an Atom feed any reader parses (read back with Rome): the demo's
 * datasets and the completed demo analyses, newest first, linked to their pages, and never a restricted dataset,
 * even when an admin asks.
 */
@DemoCityTest
class CatalogChangesFeedTest {

  @LocalServerPort int port;

  private SyndFeed read(ApiClient client, String path) throws Exception {
    HttpResponse<byte[]> response = client.getBytes(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
    return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
  }

  @Test
  void listsNewDatasetsAndCompletedAnalysesNewestFirst() throws Exception {
    SyndFeed feed = read(ApiClient.anonymous(port), "/catalog/changes.atom");

    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    List<SyndEntry> entries = feed.getEntries();
    assertThat(entries).isNotEmpty();
    assertThat(entries).extracting(SyndEntry::getTitle).anyMatch(t -> t.startsWith("새 데이터셋: "));
    assertThat(entries).extracting(SyndEntry::getLink).contains("http://127.0.0.1:" + port + "/datasets/bike-stations");
    assertThat(entries).extracting(SyndEntry::getTitle).anyMatch(t -> t.startsWith("분석 완료: "));
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).getPublishedDate()).isBeforeOrEqualTo(entries.get(i - 1).getPublishedDate());
    }
  }

  @Test
  void speaksEnglishWhenAsked() throws Exception {
    SyndFeed feed = read(ApiClient.anonymous(port), "/catalog/changes.atom?lang=en");

    assertThat(feed.getLanguage()).isEqualTo("en");
    assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).anyMatch(t -> t.startsWith("New dataset: "));
  }

  @Test
  void neverListsRestrictedDatasetsEvenToAnAdmin() throws Exception {
    SyndFeed feed = read(ApiClient.admin(port), "/catalog/changes.atom");
    HttpResponse<String> adminSees = ApiClient.admin(port).get("/api/datasets/senior-nursing-homes-2024");

    assertThat(adminSees.statusCode()).isEqualTo(200);
    assertThat(feed.getEntries()).extracting(SyndEntry::getLink).noneMatch(l -> l.contains("senior-nursing-homes-2024"));
  }
}
