package org.madang.analytics.transit;

import java.util.Locale;

/**
 * Prints every route set published for Mandl's network (Arbex's collection) with our ATT, d0, d1, d2, dun and operator
 * cost, as a CSV in the form of {@code transit/mandl/evaluated_literature_route_sets.csv} (the figures
 * {@link PublishedMandlRouteSetsTest} holds the evaluator to). Not a test. Run with {@code mvn -q -pl madang-analytics
 * exec:java -Dexec.mainClass=org.madang.analytics.transit.MandlLiteratureTable -Dexec.classpathScope=test}.
 */
final class MandlLiteratureTable {

  private MandlLiteratureTable() {}

  public static void main(String[] args) {
    RouteSetEvaluator evaluator = RouteSetEvaluator.of(MandlFixtures.mandl());
    System.out.println("title,routes,att,d0,d1,d2,dun,operator_cost");
    for (MandlFixtures.Published p : MandlFixtures.literature()) {
      RouteSetEvaluation e = evaluator.evaluate(p.routes());
      System.out.printf(Locale.ROOT, "%s,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.0f%n", p.title(), p.routes().routeCount(),
          e.averageTravelTime(), e.d0(), e.d1(), e.d2(), e.dUnsatisfied(), e.operatorCost());
    }
  }
}
