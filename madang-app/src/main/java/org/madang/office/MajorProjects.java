package org.madang.office;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.MadangProperties;
import org.madang.analytics.geo.DistrictIndex;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of the city's major projects. With the demo it is Seoul's list in {@code demo/seoul/projects.json}:
 * real, publicly known projects whose department, budget, progress and milestones are marked {@code demo} where they
 * are illustrative rather than cited. Without the demo the registry is empty.
 */
@Component
class MajorProjects {

  static final String DEMO_FILE = "demo/seoul/projects.json";

  private final List<MajorProject> projects;

  MajorProjects(MadangProperties properties, DistrictIndex districts) {
    this.projects = properties.demo() ? read(new ClassPathResource(DEMO_FILE), districts) : List.of();
  }

  List<MajorProject> listProjects() {
    return projects;
  }

  List<MajorProject> listInDistrict(String districtCode) {
    return projects.stream().filter(p -> districtCode.equals(p.districtCode())).toList();
  }

  static List<MajorProject> read(ClassPathResource file, DistrictIndex districts) {
    JsonNode root;
    try (InputStream in = file.getInputStream()) {
      root = JsonMapper.shared().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the project registry " + file.getPath(), e);
    }
    List<MajorProject> out = new ArrayList<>();
    for (JsonNode p : root.path("projects")) {
      List<MajorProject.Milestone> milestones = new ArrayList<>();
      for (JsonNode m : p.path("milestones")) {
        milestones.add(new MajorProject.Milestone(m.path("title").asString(), m.path("title_en").asString(), m.path("due").asString(), m.path("done").asBoolean()));
      }
      double lat = p.path("lat").asDouble();
      double lon = p.path("lon").asDouble();
      String district = districts.findContaining(lon, lat).map(d -> d.code())
          .orElseThrow(() -> new IllegalStateException("project " + p.path("id").asString() + " lies outside the city's districts"));
      out.add(new MajorProject(p.path("id").asString(), p.path("name").asString(), p.path("name_en").asString(),
          p.path("department").asString(), p.path("department_en").asString(),
          p.hasNonNull("budget_krw") ? p.path("budget_krw").asLong() : null,
          p.hasNonNull("progress") ? p.path("progress").asDouble() : null,
          List.copyOf(milestones), lat, lon, district, p.path("demo").asBoolean(), p.path("source").asString(null)));
    }
    return List.copyOf(out);
  }

  static Map<String, Object> json(MajorProject p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.nameKo());
    m.put("name_en", p.nameEn());
    m.put("department", p.departmentKo());
    m.put("department_en", p.departmentEn());
    m.put("budget_krw", p.budgetKrw());
    m.put("progress", p.progress());
    m.put("milestones", p.milestones().stream().map(s -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("title", s.titleKo());
      o.put("title_en", s.titleEn());
      o.put("due", s.due());
      o.put("done", s.done());
      return o;
    }).toList());
    m.put("lat", p.lat());
    m.put("lon", p.lon());
    m.put("district_code", p.districtCode());
    m.put("demo", p.demo());
    m.put("source", p.source());
    return m;
  }
}
