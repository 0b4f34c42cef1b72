package dev.ironworks.core.explore;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A design space: the cartesian product of its axes, never materialised. Point ids run from 0 to
 * size − 1 in mixed radix with the last axis fastest, so a point's id is stable for a given list of
 * axes and any point is decoded from its id alone.
 */
public record DesignSpace(List<Axis> axes) {
  public DesignSpace {
    axes = List.copyOf(axes);
    if (axes.isEmpty()) {
      throw new IllegalArgumentException("a design space needs at least one axis");
    }
  }

  /** The number of points, exactly (it may exceed a long). */
  public BigInteger exactSize() {
    BigInteger n = BigInteger.ONE;
    for (Axis a : axes) {
      n = n.multiply(BigInteger.valueOf(a.size()));
    }
    return n;
  }

  /** The number of points; throws when it does not fit a long. */
  public long size() {
    return exactSize().longValueExact();
  }

  /** The value index on each axis of point {@code id}. */
  public int[] indices(long id) {
    int[] out = new int[axes.size()];
    long rest = id;
    for (int i = axes.size() - 1; i >= 0; i--) {
      int radix = axes.get(i).size();
      out[i] = (int) (rest % radix);
      rest /= radix;
    }
    // Past the last point, something is left over once every axis has taken its digit.
    if (id < 0 || rest != 0) {
      throw new IndexOutOfBoundsException("point " + id + " of " + exactSize());
    }
    return out;
  }

  /** The values of point {@code id}, one per axis. */
  public List<String> point(long id) {
    int[] idx = indices(id);
    List<String> values = new ArrayList<>(axes.size());
    for (int i = 0; i < idx.length; i++) {
      values.add(axes.get(i).values().get(idx[i]));
    }
    return values;
  }

  /** The id of the point with these value indices: the inverse of {@link #indices}. */
  public long id(int[] indices) {
    if (indices.length != axes.size()) {
      throw new IllegalArgumentException("need " + axes.size() + " indices, got " + indices.length);
    }
    long id = 0;
    for (int i = 0; i < axes.size(); i++) {
      if (indices[i] < 0 || indices[i] >= axes.get(i).size()) {
        throw new IndexOutOfBoundsException(
            "index " + indices[i] + " on axis " + axes.get(i).path() + " of " + axes.get(i).size());
      }
      id = id * axes.get(i).size() + indices[i];
    }
    return id;
  }
}
