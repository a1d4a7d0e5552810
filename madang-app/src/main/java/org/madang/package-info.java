/**
 * The Madang application: one Spring Boot app whose top-level packages are capabilities (Spring Modulith modules);
 * the root holds only start-up, settings and the engine wiring that every module shares.
 */
package org.madang;
