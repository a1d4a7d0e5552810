package org.madang.directives;

/** Someone started a video call with a department's contact (not about a directive): its members' screens ring. */
public record DepartmentCallRinging(long departmentId, String department, String departmentTitle, String departmentTitleEn, String caller) {}
