package org.madang.directives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.madang.engine.MadangException;

class DirectiveCodesTest {

  @Test
  void readsCodesInAnyCaseAndGivesTheDefaultForAMissingOne() {
    assertThat(Priority.fromCode(" Urgent ")).isEqualTo(Priority.URGENT);
    assertThat(Priority.fromCode(null)).isEqualTo(Priority.NORMAL);
    assertThat(TargetKind.fromCode("")).isEqualTo(TargetKind.POINT);
    assertThat(DirectiveStatus.fromCode("IN_PROGRESS", "status")).isEqualTo(DirectiveStatus.IN_PROGRESS);
    assertThat(DirectiveStatus.IN_PROGRESS.code()).isEqualTo("in_progress");
  }

  @Test
  void refusesAnUnknownCodeNamingTheFieldAndEveryCode() {
    assertThatThrownBy(() -> Priority.fromCode("asap"))
        .isInstanceOf(MadangException.class)
        .hasMessage("The priority must be one of low, normal, high, urgent.")
        .satisfies(e -> assertThat(((MadangException) e).details()).containsEntry("field", "priority"));
    assertThatThrownBy(() -> TargetKind.fromCode("street"))
        .hasMessage("The target kind must be one of district, indicator, alert, camera, project, point, area.")
        .satisfies(e -> assertThat(((MadangException) e).details()).containsEntry("field", "target.kind"));
  }

  @Test
  void refusesAMissingStatusForItHasNoDefault() {
    assertThatThrownBy(() -> DirectiveStatus.fromCode(null, "to"))
        .hasMessage("The status must be one of issued, acknowledged, in_progress, done.")
        .satisfies(e -> assertThat(((MadangException) e).details()).containsEntry("field", "to"));
    assertThatThrownBy(() -> DirectiveStatus.fromCode(" ", "to")).isInstanceOf(MadangException.class);
  }
}
