package org.madang.catalog.ogc;

/**
 * A request OGC API - Features refuses, reported as its exception JSON ({@code {"code", "description"}}) with the
 * status: 400 for an invalid parameter, 404 for an unknown collection or feature, 403 for rows the caller may not read.
 */
final class OgcException extends RuntimeException {

  private final int status;
  private final String code;

  private OgcException(int status, String code, String description) {
    super(description);
    this.status = status;
    this.code = code;
  }

  static OgcException invalidParameter(String description) {
    return new OgcException(400, "InvalidParameterValue", description);
  }

  static OgcException notFound(String description) {
    return new OgcException(404, "NotFound", description);
  }

  static OgcException forbidden(String description) {
    return new OgcException(403, "Forbidden", description);
  }

  static OgcException serverError(String description) {
    return new OgcException(500, "ServerError", description);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
