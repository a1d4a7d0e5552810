// A video call (/calls?directive=ID or ?department=CODE): WebRTC between this browser and the other side's, the
// platform only relaying the signaling over the WebSocket /calls/signal (join, offer, answer, ice, connected, hangup).
// The first to join waits; the second's arrival makes the first send the offer. ICE servers come from the page
// (madang.calls.ice-servers; none: host candidates, enough on one network). #call[data-state] says where the call is:
// starting, waiting, calling, connected, ended, refused, busy, failed. window.madangCall exposes it for tests and panels.
import { t } from '../office/directive-texts.js';

const root = document.getElementById('call');
const localVideo = document.getElementById('local-video');
const remoteVideo = document.getElementById('remote-video');
const stateLine = document.getElementById('call-state');
const iceServers = JSON.parse(root.dataset.iceServers || '[]');
const target = root.dataset.directive ? { directive: Number(root.dataset.directive) } : { department: root.dataset.department };

let socket;
let peer;
let local;
let ended = false;

function show(state, text) {
  root.dataset.state = state;
  stateLine.textContent = text ?? t(`call.${state}`);
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

async function media() {
  try {
    return await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch (e) {
    try {
      return await navigator.mediaDevices.getUserMedia({ video: true });
    } catch (e2) {
      show('starting', t('call.noCamera'));
      return null;
    }
  }
}

function makePeer() {
  if (peer) return peer;
  peer = new RTCPeerConnection({ iceServers });
  if (local) for (const track of local.getTracks()) peer.addTrack(track, local);
  else { peer.addTransceiver('video', { direction: 'recvonly' }); peer.addTransceiver('audio', { direction: 'recvonly' }); }
  peer.onicecandidate = (e) => { if (e.candidate) send({ type: 'ice', candidate: e.candidate.toJSON() }); };
  peer.ontrack = (e) => { remoteVideo.srcObject = e.streams[0] || new MediaStream([e.track]); };
  peer.onconnectionstatechange = () => {
    if (peer.connectionState === 'connected') { show('connected'); send({ type: 'connected' }); }
    if (peer.connectionState === 'failed') show('failed', t('failed'));
  };
  return peer;
}

async function onMessage(m) {
  switch (m.type) {
    case 'joined':
      show(m.role === 'caller' ? 'waiting' : 'calling');
      root.dataset.role = m.role;
      root.dataset.callId = m.call;
      break;
    case 'peer-joined': {
      show('calling');
      const pc = makePeer();
      await pc.setLocalDescription(await pc.createOffer());
      send({ type: 'offer', sdp: pc.localDescription.toJSON() });
      break;
    }
    case 'offer': {
      const pc = makePeer();
      await pc.setRemoteDescription(m.sdp);
      await pc.setLocalDescription(await pc.createAnswer());
      send({ type: 'answer', sdp: pc.localDescription.toJSON() });
      break;
    }
    case 'answer':
      await peer.setRemoteDescription(m.sdp);
      break;
    case 'ice':
      if (peer) await peer.addIceCandidate(m.candidate).catch(() => {});
      break;
    case 'hangup':
      finish();
      break;
    case 'refused':
      ended = true;
      show('refused');
      break;
    case 'busy':
      ended = true;
      show('busy');
      break;
    default:
      break;
  }
}

/** Ends the call here: media off, peer connection and socket closed. */
function finish() {
  if (ended) return;
  ended = true;
  if (peer) peer.close();
  if (local) for (const track of local.getTracks()) track.stop();
  remoteVideo.srcObject = null;
  if (socket && socket.readyState === WebSocket.OPEN) socket.close(1000);
  show('ended');
}

function hangup() {
  send({ type: 'hangup' });
  finish();
}

async function start() {
  show('starting', t('loading'));
  local = await media();
  if (local) localVideo.srcObject = local;
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/calls/signal`);
  socket.onopen = () => send({ type: 'join', ...target });
  socket.onmessage = (e) => onMessage(JSON.parse(e.data)).catch((err) => console.error(err));
  socket.onclose = () => { if (!ended && root.dataset.state !== 'refused') finish(); };
  document.getElementById('hangup').addEventListener('click', hangup);
  window.addEventListener('pagehide', () => send({ type: 'hangup' }));
}

window.madangCall = {
  hangup,
  state: () => root.dataset.state,
  /** Frames decoded from the other side's video, from the peer connection's statistics. */
  async inboundVideo() {
    if (!peer) return null;
    const stats = await peer.getStats();
    for (const s of stats.values()) if (s.type === 'inbound-rtp' && s.kind === 'video') return { frames: s.framesDecoded || 0, width: s.frameWidth || 0 };
    return null;
  },
};

start().catch((e) => { show('failed', t('failed')); console.error(e); });
