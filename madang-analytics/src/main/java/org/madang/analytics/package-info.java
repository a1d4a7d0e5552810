/** Framework-free spatial analytics shared by the embedded engine and the Spark runner. */
package org.madang.analytics;
