package org.madang.office.command;

import java.util.Locale;

/** What a command asks the dashboard to do; see docs/COMMANDS.md for the words that ask for each. */
enum CommandAction {
  /** Show a live map layer (air, traffic, crowding), in a district if one is named. */
  LAYER,
  /** Open an indicator (its map layer when it has values by district). */
  INDICATOR,
  /** Open a theme of the indicators, such as 숨쉬는 서울. */
  THEME,
  /** Select a district and open its drill-down. */
  DISTRICT,
  /** Open the alerts. */
  ALERTS,
  /** Call a department (office only). */
  CALL,
  /** Enter or leave the wall screen. */
  WALL,
  NEXT_LAYER,
  PREVIOUS_LAYER,
  ZOOM_IN,
  ZOOM_OUT,
  /** Show the whole city again. */
  ZOOM_RESET,
  /** Switch the page's language. */
  LANGUAGE,
  /** Close the district drill-down. */
  CLOSE,
  /** Not understood: the command carries suggestions. */
  UNKNOWN;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
