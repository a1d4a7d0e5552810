/**
 * Video calls about a directive or with a department's contact: WebRTC between two browsers, the platform only the
 * signaling server ({@code /calls/signal}, WebSocket on the signed-in session) that lets in the users who may talk about
 * the item, relays offer, answer and ICE candidates, ends the call on both sides, and records who called whom, when and
 * for how long. Media never pass through the platform; no third-party service is involved.
 */
package org.madang.directives.call;
