/** Who did what to which data, when: the audit trail every access to restricted data leaves. */
package org.madang.audit;
