package dev.ironworks.core.reliability;

/** The components in a training job's blast radius: any one failing interrupts the job. */
public record ComponentCounts(long accelerators, long servers, long nics, long switches) {}
