package org.madang.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Turns errors of REST controllers into {@code application/problem+json} (RFC 9457): the title says what kind of
 * problem, the detail is one sentence, and extra members ({@code code}, {@code field}, {@code line}, {@code column})
 * say where.
 */
@RestControllerAdvice(annotations = RestController.class)
class ProblemDetailsAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(MadangException.class)
  ResponseEntity<ProblemDetail> madang(MadangException e, HttpServletRequest request) {
    if (e.code().type() == ErrorCode.Type.INSUFFICIENT_RESOURCES) {
      // the designed answer to overload (a full sandbox queue, say): worth a line, not a stack trace per request
      log.warn("{} on {} {}: {}", e.code(), request.getMethod(), request.getRequestURI(), e.getMessage());
    } else if (e.code().type() != ErrorCode.Type.USER) {
      log.error("{} on {} {}", e.code(), request.getMethod(), request.getRequestURI(), e);
    }
    return problem(HttpStatus.valueOf(e.code().httpStatus()), e.code().name(), e.getMessage(), e.details(), request);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), sentence(e.getMessage()), Map.of(), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), "The parameter '" + e.getParameterName() + "' is required.",
        Map.of("field", e.getParameterName()), request);
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), "The form field '" + e.getRequestPartName() + "' is required.",
        Map.of("field", e.getRequestPartName()), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), "The parameter '" + e.getName() + "' has an invalid value.",
        Map.of("field", e.getName()), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), "The request body is not valid JSON of the expected shape.", Map.of(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.INVALID_ARGUMENT.name(), "The content type " + e.getContentType() + " is not accepted here.", Map.of(), request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.FILE_TOO_LARGE.name(), "The upload is larger than the platform accepts.", Map.of("field", "file"), request);
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(MultipartException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), "The upload must be a multipart/form-data request with a 'file' field.", Map.of("field", "file"), request);
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail, Map<String, Object> where, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("code", code);
    where.forEach(problem::setProperty);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String sentence(String message) {
    if (message == null || message.isBlank()) {
      return "The request is invalid.";
    }
    String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return s.endsWith(".") ? s : s + ".";
  }
}
