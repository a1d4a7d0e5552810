package org.madang.bench;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.madang.analytics.location.DistanceMatrix;

/**
 * The classical p-median MIP (ReVelle and Swain 1970, with the strong "x_ij ≤ y_j" linking), solved exactly by a MIP
 * solver behind Google OR-Tools' {@link MPSolver}:
 *
 * <pre>
 *   minimise   Σ_i Σ_j d_ij x_ij
 *   subject to Σ_j x_ij = 1          for every demand point i
 *              x_ij ≤ y_j             for every i, j
 *              Σ_j y_j = p
 *              y_j ∈ {0, 1},  0 ≤ x_ij ≤ 1
 * </pre>
 * The assignments x are continuous: once the open sites y are integral, assigning each demand point wholly to its
 * nearest open site is an optimal vertex of the remaining LP, so the optimum is the same as with binary x (the usual
 * practice, and it leaves the solver only the n binaries y to branch on). The relative MIP gap is set to 0, so
 * "optimal" means proven optimal, not within the solver's default 0.01 %.
 */
final class MipPMedian {

  /** What one solve gave: status, objective, seconds to build the model and to solve it, the model's size. */
  record Outcome(String status, double objective, double bound, double buildSeconds, double solveSeconds,
      int variables, int constraints) {

    boolean optimal() {
      return status.equals("OPTIMAL");
    }
  }

  private MipPMedian() {}

  static Outcome solve(DistanceMatrix d, int p, String solverId, double timeLimitSeconds) {
    long start = System.nanoTime();
    MPSolver solver = MPSolver.createSolver(solverId);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no MIP solver " + solverId);
    }
    try {
      int n = d.demandCount();
      int m = d.candidateCount();
      MPVariable[] y = solver.makeBoolVarArray(m);
      MPObjective objective = solver.objective();
      MPConstraint count = solver.makeConstraint(p, p);
      for (int j = 0; j < m; j++) {
        count.setCoefficient(y[j], 1);
      }
      for (int i = 0; i < n; i++) {
        MPVariable[] x = solver.makeNumVarArray(m, 0, 1);
        MPConstraint assigned = solver.makeConstraint(1, 1);
        for (int j = 0; j < m; j++) {
          assigned.setCoefficient(x[j], 1);
          objective.setCoefficient(x[j], d.distance(i, j));
          MPConstraint link = solver.makeConstraint(-MPSolver.infinity(), 0);
          link.setCoefficient(x[j], 1);
          link.setCoefficient(y[j], -1);
        }
      }
      objective.setMinimization();
      solver.setTimeLimit((long) (timeLimitSeconds * 1000));
      MPSolverParameters parameters = new MPSolverParameters();
      parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
      int variables = solver.numVariables();
      int constraints = solver.numConstraints();
      double build = Samples.since(start);
      long solveStart = System.nanoTime();
      MPSolver.ResultStatus status = solver.solve(parameters);
      double solveSeconds = Samples.since(solveStart);
      boolean hasSolution = status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE;
      return new Outcome(status.name(), hasSolution ? objective.value() : Double.NaN,
          hasSolution ? objective.bestBound() : Double.NaN, build, solveSeconds, variables, constraints);
    } finally {
      solver.delete();
    }
  }
}
