package org.madang.directives.call;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.directives.Department;
import org.madang.directives.Directive;
import org.madang.directives.Directives;
import org.madang.directives.OrganizationDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signaling server. A socket first sends {@code {"type": "join", "directive": 12}} (or {@code "department":
 * "transportation"} for a call with a department's contact). The server lets in the users who may talk about that
 * item (the issuer, officials and admins, the department's members) and refuses anyone else ({@code refused}, close
 * code 4403). The first in is the caller; the second, the callee, makes the server tell the caller ({@code
 * peer-joined}), who sends the offer. {@code offer}, {@code answer} and {@code ice} are relayed to the other side as
 * they are; {@code connected} (sent by a browser once its peer connection is up) starts the call's clock; {@code
 * hangup}, or a socket closing, ends the call on both sides and records it. A third user in the same call is told
 * {@code busy} (4409). Rooms live in memory: a restart ends calls.
 */
@Component
class CallSignaling extends TextWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(CallSignaling.class);
  private static final JsonMapper JSON = JsonMapper.shared();
  static final CloseStatus REFUSED = new CloseStatus(4403, "not allowed in this call");
  static final CloseStatus BUSY = new CloseStatus(4409, "the call already has two people");

  /** One call: the item it is about, its two sides and its record. */
  private static final class Room {
    final String key;
    final Long directive;
    final long department;
    final List<Peer> peers = new ArrayList<>(2);
    long callId;
    String caller;
    String callee;
    boolean connected;

    Room(String key, Long directive, long department) {
      this.key = key;
      this.directive = directive;
      this.department = department;
    }
  }

  private record Peer(WebSocketSession session, Viewer viewer) {}

  private final Directives directives;
  private final OrganizationDirectory directory;
  private final MadangProperties.Calls settings;
  private final Map<String, Room> rooms = new HashMap<>();
  private final Map<String, Room> roomOfSession = new HashMap<>();

  CallSignaling(Directives directives, OrganizationDirectory directory, MadangProperties properties) {
    this.directives = directives;
    this.directory = directory;
    this.settings = properties.calls();
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    // sends come from this handler and from the other side's messages at once: the decorator serialises them
    session.getAttributes().put("out", new ConcurrentWebSocketSessionDecorator(session, 5000, 256 * 1024));
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
    JsonNode m;
    try {
      m = JSON.readTree(message.getPayload());
    } catch (RuntimeException e) {
      send(session, Map.of("type", "error", "reason", "Messages are JSON objects with a type."));
      return;
    }
    String type = m.path("type").asString("");
    switch (type) {
      case "join" -> join(session, m);
      case "offer", "answer", "ice" -> relay(session, m);
      case "connected" -> connected(session);
      case "hangup" -> leave(session, "hangup");
      default -> send(session, Map.of("type", "error", "reason", "Unknown message type '" + type + "'."));
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    leave(session, "closed");
  }

  private void join(WebSocketSession session, JsonNode m) throws IOException {
    Viewer viewer = (Viewer) session.getAttributes().get(CallConfiguration.VIEWER);
    Optional<Room> wanted = room(viewer, m);
    if (wanted.isEmpty()) {
      log.info("Call refused: {} may not talk about {}", viewer.username(), m);
      send(session, Map.of("type", "refused", "reason", "You may not join this call."));
      session.close(REFUSED);
      return;
    }
    Room room;
    Peer other = null;
    String role;
    synchronized (this) {
      if (roomOfSession.containsKey(session.getId())) {
        send(session, Map.of("type", "error", "reason", "This socket is already in a call."));
        return;
      }
      room = rooms.computeIfAbsent(wanted.get().key, k -> wanted.get());
      if (room.peers.size() >= 2) {
        send(session, Map.of("type", "busy", "reason", "The call already has two people."));
        session.close(BUSY);
        return;
      }
      room.peers.add(new Peer(session, viewer));
      roomOfSession.put(session.getId(), room);
      if (room.peers.size() == 1) {
        role = "caller";
        room.caller = viewer.username();
        room.callId = directives.recordCallStarted(room.directive, room.department, viewer.username());
      } else {
        role = "callee";
        room.callee = viewer.username();
        other = room.peers.get(0);
        directives.recordCallAnswered(room.callId, viewer.username());
      }
    }
    Map<String, Object> joined = new LinkedHashMap<>();
    joined.put("type", "joined");
    joined.put("role", role);
    joined.put("call", room.callId);
    joined.put("ice_servers", iceServers());
    send(session, joined);
    if (other != null) {
      send(other.session(), Map.of("type", "peer-joined", "user", viewer.username()));
      send(session, Map.of("type", "peer", "user", other.viewer().username()));
    } else if (room.directive != null) {
      directives.announceCall(room.directive, viewer.username());
    } else {
      directives.announceDepartmentCall(room.department, viewer.username());
    }
  }

  /** The room for what the message asks to join, if the viewer may talk about it. */
  private Optional<Room> room(Viewer viewer, JsonNode m) {
    if (m.path("directive").isIntegralNumber()) {
      long id = m.path("directive").asLong();
      if (!directives.mayTalkAbout(viewer, id)) {
        return Optional.empty();
      }
      Directive d = directives.getVisible(viewer, id);
      return Optional.of(new Room("directive:" + id, id, d.departmentId()));
    }
    if (m.path("department").isString()) {
      Optional<Department> department = directory.findDepartment(m.path("department").asString());
      if (department.isEmpty()) {
        return Optional.empty();
      }
      Department d = department.get();
      boolean may = viewer.isAdmin() || viewer.has(Role.OFFICIAL) || d.hasMember(viewer.username());
      return may ? Optional.of(new Room("department:" + d.code(), null, d.id())) : Optional.empty();
    }
    return Optional.empty();
  }

  private void relay(WebSocketSession session, JsonNode m) throws IOException {
    Peer other;
    synchronized (this) {
      other = otherSide(session);
    }
    if (other == null) {
      send(session, Map.of("type", "error", "reason", "Nobody else is in the call yet."));
      return;
    }
    out(other.session()).sendMessage(new TextMessage(m.toString()));
  }

  private void connected(WebSocketSession session) {
    Room room;
    synchronized (this) {
      room = roomOfSession.get(session.getId());
      if (room == null || room.connected || room.peers.size() < 2) {
        return;
      }
      room.connected = true;
    }
    directives.recordCallConnected(room.callId);
  }

  private void leave(WebSocketSession session, String why) {
    Room room;
    Peer other;
    Peer self;
    synchronized (this) {
      room = roomOfSession.remove(session.getId());
      if (room == null) {
        return;
      }
      self = room.peers.stream().filter(p -> p.session().getId().equals(session.getId())).findFirst().orElse(null);
      other = otherSide(room, session);
      room.peers.clear();
      rooms.remove(room.key, room);
      if (other != null) {
        roomOfSession.remove(other.session().getId());
      }
    }
    try {
      directives.recordCallEnded(room.callId, room.directive, room.caller, room.callee, self == null ? "madang" : self.viewer().username());
    } catch (RuntimeException e) {
      log.warn("Could not record the end of call {}", room.callId, e);
    }
    if (other != null) {
      try {
        send(other.session(), Map.of("type", "hangup", "by", self == null ? "" : self.viewer().username(), "reason", why));
      } catch (IOException e) {
        log.debug("The other side of call {} had gone", room.callId);
      }
    }
  }

  private Peer otherSide(WebSocketSession session) {
    Room room = roomOfSession.get(session.getId());
    return room == null ? null : otherSide(room, session);
  }

  private static Peer otherSide(Room room, WebSocketSession session) {
    return room.peers.stream().filter(p -> !p.session().getId().equals(session.getId())).findFirst().orElse(null);
  }

  /** The RTCIceServer list browsers are given: empty (host candidates only) unless STUN/TURN servers are configured. */
  List<Map<String, Object>> iceServers() {
    List<String> urls = settings.iceServers().stream().filter(u -> u != null && !u.isBlank()).toList();
    if (urls.isEmpty()) {
      return List.of();
    }
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("urls", urls);
    if (!settings.iceUsername().isBlank()) {
      server.put("username", settings.iceUsername());
      server.put("credential", settings.iceCredential());
    }
    return List.of(server);
  }

  private static WebSocketSession out(WebSocketSession session) {
    Object decorated = session.getAttributes().get("out");
    return decorated instanceof WebSocketSession s ? s : session;
  }

  private static void send(WebSocketSession session, Map<String, Object> message) throws IOException {
    if (session.isOpen()) {
      out(session).sendMessage(new TextMessage(JSON.writeValueAsString(message)));
    }
  }
}
