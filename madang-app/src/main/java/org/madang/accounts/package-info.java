/** Users, roles, personal API tokens and how requests are authenticated (HTTP Basic, tokens, login form). */
package org.madang.accounts;
