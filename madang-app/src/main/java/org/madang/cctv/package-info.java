/**
 * Integrated CCTV: the camera registry (import from CSV and GeoJSON, the demo's synthetic cameras), health checks
 * whose failures become alerts, and video for officials only, audited and proxied behind signed links so that stream
 * addresses never reach a browser and the server never requests addresses it must not (SSRF guard).
 */
package org.madang.cctv;
