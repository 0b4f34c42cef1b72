package dev.ironworks.core.reliability;

/**
 * The components in a training job's blast radius: any one failing interrupts the job.
 *
 * @param servers servers (failure domains: a box, or a whole rack-scale system such as an NVL72
 *     rack), the unit that is repaired and spared
 * @param hosts the hosts of those servers whose failure takes a server down (a rack-scale system
 *     has many)
 */
public record ComponentCounts(
    long accelerators, long servers, long nics, long switches, long hosts) {
  /** Components of servers that are one host each. */
  public ComponentCounts(long accelerators, long servers, long nics, long switches) {
    this(accelerators, servers, nics, switches, servers);
  }
}
