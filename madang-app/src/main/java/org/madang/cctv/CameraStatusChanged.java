package org.madang.cctv;

/**
 * A camera's health changed (published by the health check for other modules, e.g. the dashboard or directives).
 *
 * @param status the new status: online, stale, unreachable, unknown or no-stream
 * @param previous the status before
 * @param detail why, in one sentence, or null
 */
public record CameraStatusChanged(String camera, String districtCode, double lat, double lon, String status, String previous, String detail) {}
