/**
 * Directives: an official tasks a department from any element of the dashboard (a district, an indicator, an alert, a
 * camera, a project, a map point); the department's members acknowledge, work on and report it, live on their
 * screen (SSE) and by e-mail; the organization directory says whom to reach and how. Sub-package {@code call}: video
 * calls between two browsers, signalled through the platform.
 */
package org.madang.directives;
