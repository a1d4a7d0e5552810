/** What every page and API shares: the layout, languages (Korean and English), static assets and error responses. */
package org.madang.web;
