package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.TransformerModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a model's layers are split over p pipeline stages of v interleaved chunks each: chunk i runs
 * on device i mod p. Layers that divide the p·v chunks are split evenly, the embedding riding on
 * the first chunk and the output layer on the last. Otherwise the embedding and the output layer
 * each take a layer's place, so that L + 2 places are split as evenly as possible and the first and
 * last chunks hold one layer fewer (Megatron-LM's account-for-embedding and account-for-loss split,
 * as Llama 3 405B's 126 layers run on 16 stages).
 *
 * @param devices what each device holds, device 0 first
 */
public record PipelineSplit(List<DeviceLayers> devices) {
  public PipelineSplit {
    devices = List.copyOf(devices);
  }

  /**
   * One device's share.
   *
   * @param denseLayers layers with a dense FFN
   * @param moeLayers layers with routed experts
   * @param holdsEmbedding whether it holds the input embedding
   * @param holdsOutput whether it holds the output layer and loss
   */
  public record DeviceLayers(
      int denseLayers, int moeLayers, boolean holdsEmbedding, boolean holdsOutput) {
    public int layers() {
      return denseLayers + moeLayers;
    }
  }

  /** The split of {@code m}'s layers over {@code pipeline} stages of {@code interleave} chunks. */
  public static PipelineSplit of(TransformerModel m, int pipeline, int interleave) {
    int layers = m.layers();
    int chunks = pipeline * interleave;
    int[] sizes = new int[chunks];
    if (layers % chunks == 0 || chunks == 1) {
      Arrays.fill(sizes, layers / chunks);
    } else {
      int places = layers + 2;
      int base = places / chunks;
      int extra = places % chunks;
      for (int i = 0; i < chunks; i++) {
        sizes[i] = base;
      }
      // Extra places go to the middle chunks first: the ends already carry the embedding and loss.
      for (int i = 1; i < chunks - 1 && extra > 0; i++, extra--) {
        sizes[i]++;
      }
      for (int i = 0; extra > 0; i = chunks - 1, extra--) {
        sizes[i]++;
      }
      sizes[0] = Math.max(0, sizes[0] - 1);
      sizes[chunks - 1] = Math.max(0, sizes[chunks - 1] - 1);
      int assigned = 0;
      for (int size : sizes) {
        assigned += size;
      }
      // Fewer places than chunks can leave layers over: give them to the emptiest chunks.
      for (int i = 0; assigned < layers; i = (i + 1) % chunks) {
        if (sizes[i] == minimum(sizes)) {
          sizes[i]++;
          assigned++;
        }
      }
    }
    int[] dense = new int[pipeline];
    int[] moe = new int[pipeline];
    int layer = 0;
    for (int chunk = 0; chunk < chunks; chunk++) {
      int device = chunk % pipeline;
      for (int i = 0; i < sizes[chunk]; i++, layer++) {
        if (isMoe(m, layer)) {
          moe[device]++;
        } else {
          dense[device]++;
        }
      }
    }
    List<DeviceLayers> devices = new ArrayList<>(pipeline);
    for (int d = 0; d < pipeline; d++) {
      devices.add(new DeviceLayers(dense[d], moe[d], d == 0, d == pipeline - 1));
    }
    return new PipelineSplit(devices);
  }

  private static int minimum(int[] values) {
    int min = Integer.MAX_VALUE;
    for (int v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  /** Whether layer {@code i} (from 0) routes to experts: every k-th after the dense ones. */
  static boolean isMoe(TransformerModel m, int i) {
    if (!m.isMoe() || i < m.denseLayers()) {
      return false;
    }
    return (i - m.denseLayers() + 1) % m.moeLayerInterval() == 0;
  }
}
