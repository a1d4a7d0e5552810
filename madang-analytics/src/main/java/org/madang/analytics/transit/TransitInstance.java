package org.madang.analytics.transit;

/**
 * A route design instance: a network and the demand between its nodes.
 *
 * @param name for messages and reports
 */
public record TransitInstance(String name, TransitNetwork network, TripDemand demand) {

  public TransitInstance {
    if (network == null || demand == null) {
      throw new IllegalArgumentException("a transit instance needs a network and a demand matrix");
    }
    if (demand.nodeCount() != network.nodeCount()) {
      throw new IllegalArgumentException(name + ": the demand matrix is for " + demand.nodeCount()
          + " nodes but the network has " + network.nodeCount() + "; demand must be between nodes of the network");
    }
  }

  public int nodeCount() {
    return network.nodeCount();
  }
}
