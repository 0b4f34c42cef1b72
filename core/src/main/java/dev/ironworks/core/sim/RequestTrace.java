package dev.ironworks.core.sim;

/**
 * Requests to replay: arrival times (seconds, non-decreasing) with each request's prompt and output
 * tokens.
 */
public record RequestTrace(double[] arrivalSeconds, int[] promptTokens, int[] outputTokens) {
  public RequestTrace {
    int n = arrivalSeconds.length;
    if (n == 0) {
      throw new IllegalArgumentException("a trace needs at least one request");
    }
    if (promptTokens.length != n || outputTokens.length != n) {
      throw new IllegalArgumentException("a trace's columns must have the same length");
    }
    arrivalSeconds = arrivalSeconds.clone();
    promptTokens = promptTokens.clone();
    outputTokens = outputTokens.clone();
    for (int i = 0; i < n; i++) {
      if (!(arrivalSeconds[i] >= 0) || (i > 0 && arrivalSeconds[i] < arrivalSeconds[i - 1])) {
        throw new IllegalArgumentException(
            "request " + (i + 1) + ": arrival times must be >= 0 and non-decreasing");
      }
      if (promptTokens[i] < 1 || outputTokens[i] < 1) {
        throw new IllegalArgumentException(
            "request " + (i + 1) + ": prompt and output tokens must be >= 1");
      }
    }
  }

  /** Requests in the trace. */
  public int size() {
    return arrivalSeconds.length;
  }

  /** Mean arrivals a second over the trace's span (0 for a single instant). */
  public double meanRate() {
    double span = arrivalSeconds[size() - 1] - arrivalSeconds[0];
    return span > 0 ? (size() - 1) / span : 0;
  }

  /** Squared coefficient of variation of the output lengths. */
  public double outputScv() {
    double sum = 0;
    double squares = 0;
    for (int o : outputTokens) {
      sum += o;
      squares += (double) o * o;
    }
    double mean = sum / size();
    return mean > 0 ? Math.max(0, squares / size() / (mean * mean) - 1) : 0;
  }

  public double arrivalSeconds(int i) {
    return arrivalSeconds[i];
  }

  public int promptTokens(int i) {
    return promptTokens[i];
  }

  public int outputTokens(int i) {
    return outputTokens[i];
  }
}
