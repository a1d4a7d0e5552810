package org.madang.directives;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A department of the organization directory: the catalog's organization with whom to reach there and the users who
 * act for it.
 *
 * @param code the organization's name, e.g. {@code transportation}
 * @param desk the responsible desk or person's title, Korean; null when the department has no contact yet
 * @param demo the contact is the demo city's example data, not a real one
 * @param members usernames of the users who act for the department
 */
public record Department(long id, String code, String titleKo, String titleEn, String desk, String deskEn, String person, String phone,
    String email, String videoUrl, boolean demo, List<String> members) {

  public String title(boolean english) {
    return english && titleEn != null && !titleEn.isBlank() ? titleEn : titleKo;
  }

  public boolean hasMember(String username) {
    return members.contains(username);
  }

  /** The directory entry; {@code withMembers}: also who acts for it (for admins and the department itself). */
  Map<String, Object> json(boolean withMembers) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("code", code);
    o.put("title", titleKo);
    o.put("title_en", titleEn);
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("desk", desk);
    contact.put("desk_en", deskEn);
    contact.put("person", person);
    contact.put("phone", phone);
    contact.put("email", email);
    contact.put("video_url", videoUrl);
    contact.put("demo", demo);
    o.put("contact", contact);
    if (withMembers) {
      o.put("members", members);
    }
    return o;
  }
}
