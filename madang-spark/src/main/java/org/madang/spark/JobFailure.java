package org.madang.spark;

/**
 * Why a job stopped, as the job's error event and exit code say it: {@code INVALID_ARGUMENT} (exit 2: the job file or
 * an input is wrong), {@code EXTERNAL} (exit 3: the master cannot be reached or the cluster failed), {@code INTERNAL}
 * (exit 1).
 *
 * @param field the job.json field at fault, or null
 */
final class JobFailure extends RuntimeException {

  enum Code {
    INVALID_ARGUMENT(2),
    EXTERNAL(3),
    INTERNAL(1);

    final int exitCode;

    Code(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private final Code code;
  private final String field;

  JobFailure(Code code, String message, String field, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.field = field;
  }

  static JobFailure invalid(String message, String field) {
    return new JobFailure(Code.INVALID_ARGUMENT, message, field, null);
  }

  Code code() {
    return code;
  }

  String field() {
    return field;
  }
}
