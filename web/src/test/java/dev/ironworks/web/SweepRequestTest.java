package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.YamlMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class SweepRequestTest {
  static Node baseOf(String text) {
    MappingNode root = (MappingNode) YamlMap.parse(text, new Problems("t")).orElseThrow();
    return root.getValue().get(1).getValueNode();
  }

  @Test
  void anInlineBaseBecomesOneScalarAndLaterLinesStayWhereTheyWere() {
    // A comment with a character outside the BMP: marks count code points, Java strings chars.
    String text =
        "# cost \uD83D\uDCB0 and time\nfirst: 1\nbase:\n  name: b\n  cluster: {count: 8}\n"
            + "axes:\n  cluster.count: [8]\n";
    String replaced = SweepRequest.replaceNode(text, baseOf(text), "inline");
    assertEquals(
        "# cost \uD83D\uDCB0 and time\nfirst: 1\nbase:\n  inline\n\naxes:\n  cluster.count: [8]\n",
        replaced);
    assertEquals(text.lines().count(), replaced.lines().count());
  }

  @Test
  void aFlowBaseOnOneLineIsReplacedInPlace() {
    String text = "x: 1\nbase: {name: b, cluster: {count: 8}}\naxes: {cluster.count: [8]}\n";
    assertEquals(
        "x: 1\nbase: inline\naxes: {cluster.count: [8]}\n",
        SweepRequest.replaceNode(text, baseOf(text), "inline"));
  }
}
