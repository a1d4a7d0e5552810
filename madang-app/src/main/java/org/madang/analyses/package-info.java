/**
 * Analyses as background jobs: {@code POST /api/analyses/{kind}} checks the caller, the inputs and the parameters,
 * queues the job on a bounded pool of workers, and the engine's analysis runner writes the result as a new catalog
 * dataset with lineage; jobs are recorded and audited, report progress and can be cancelled. Also runs the Seoul demo's
 * ready analyses.
 */
package org.madang.analyses;
