package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.io.scenario.ScenarioReference;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI end to end in headless Chromium: load the page, see the scenario highlighted, type a
 * validation error and see it underlined, fix it, complete keys and catalog ids, read a key's
 * reference on hover, see the charts render, save, reload, compare, sweep; and an exported HTML
 * report opened from a file with the network off. Screenshots go to target/screenshots.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path data;
  @TempDir static Path profile;
  static WebServer server;
  static WebDriver driver;
  static WebDriverWait wait;
  static Path screenshots;
  static String savedId;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeFalse(
        Boolean.getBoolean("skipBrowserTests"), "browser tests skipped (-DskipBrowserTests)");
    // Without the flag a missing browser is a failure, never a silent skip.
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser tests need Chromium and chromedriver at "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + ": run 'bash scripts/setup-test-browser.sh' (Debian's chromium and"
            + " chromium-driver, as root or with sudo), or build with -DskipBrowserTests to leave"
            + " the browser tests out");
    screenshots =
        Path.of(System.getProperty("screenshots.dir", "target/screenshots")).toAbsolutePath();
    Files.createDirectories(screenshots);
    server = WebServer.start("127.0.0.1", 0, data, Limits.DEFAULT);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  static void shot(String name) throws IOException {
    File png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        png.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The scenario editor's interface (IronworksEditor.create in web/src/main/editor). */
  static final String EDITOR = "document.getElementById('editor').ironworksEditor";

  /** The design space's editor, the same kind without completion. */
  static final String SPACE_EDITOR = "document.getElementById('space-editor').ironworksEditor";

  static String editorText() {
    return (String) js("return " + EDITOR + ".text();");
  }

  /** Replaces the editor's whole text as one edit: the UI plans it as it does what is typed. */
  static void type(String text) {
    js(EDITOR + ".edit(arguments[0]);", text);
  }

  /** Focuses the editor and selects the text from {@code from} to {@code to} (offsets). */
  static void select(int from, int to) {
    js(
        EDITOR
            + ".focus(); "
            + EDITOR
            + ".view.dispatch({selection: {anchor: arguments[0],"
            + " head: arguments[1]}});",
        from,
        to);
  }

  /** Types keys into the focused editor, as a person does. */
  static void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** The 1-based line of the editor that holds an element of its content. */
  static long lineOf(WebElement element) {
    return (Long)
        js(
            "const v = "
                + EDITOR
                + ".view;"
                + " return v.state.doc.lineAt(v.posAtDOM(arguments[0])).number;",
            element);
  }

  /** The labels of the completion list shown, empty when none is. */
  static List<String> completions() {
    return driver
        .findElements(By.cssSelector(".cm-tooltip-autocomplete .cm-completionLabel"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The element of a highlighted token with exactly this text. */
  static WebElement token(String cssClass, String text) {
    return driver.findElements(By.cssSelector(".cm-content ." + cssClass)).stream()
        .filter(e -> e.getText().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ." + cssClass + " '" + text + "'"));
  }

  /** Charts drawn inside a container: ECharts said finished and left an svg. */
  static List<WebElement> renderedCharts(String container) {
    return driver.findElements(By.cssSelector(container + " .iw-chart[data-rendered='true'] svg"));
  }

  static void waitForCharts(String container, int atLeast) {
    wait.until(d -> renderedCharts(container).size() >= atLeast);
  }

  @Test
  @Order(1)
  void thePageLoadsAnExampleAndDrawsItsPlan() throws IOException {
    driver.get(server.url().toString());
    wait.until(d -> editorText().contains("name: h100-1024-training-cluster"));
    waitForCharts("#dashboard", 4);
    assertFalse(
        driver.findElements(By.cssSelector("#dashboard .iw-chart[data-chart='capex']")).isEmpty());
    // Everything the page loaded (the editor's bundle included) came from the server itself.
    Object elsewhere =
        js(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => !e.name.startsWith(location.origin)).map(e => e.name);");
    assertEquals(List.of(), elsewhere);
    shot("01-example-plan");
  }

  @Test
  @Order(2)
  void theScenarioIsHighlightedAsYaml() throws IOException {
    wait.until(d -> !d.findElements(By.cssSelector("#editor .cm-content .iw-tok-key")).isEmpty());
    token("iw-tok-key", "cluster");
    token("iw-tok-key", "accelerator");
    token("iw-tok-value", "nvidia-h100-sxm-80gb");
    assertTrue(
        driver
            .findElement(By.cssSelector("#editor .cm-content .iw-tok-comment"))
            .getText()
            .startsWith("# A 1,024-GPU"));
    // Keys and values are drawn in different colours.
    assertFalse(
        token("iw-tok-key", "accelerator")
            .getCssValue("color")
            .equals(token("iw-tok-value", "nvidia-h100-sxm-80gb").getCssValue("color")));
    shot("01b-highlighted");
  }

  @Test
  @Order(3)
  void aTypoIsListedAndUnderlinedAtItsLineAndAFixClearsIt() throws IOException {
    String good = editorText();
    String bad =
        good.replace("accelerator: nvidia-h100-sxm-80gb", "accelerator: nvidia-h100-sxm-80g");
    assertFalse(bad.equals(good));
    int line =
        1
            + (int)
                bad.substring(0, bad.indexOf("nvidia-h100-sxm-80g"))
                    .chars()
                    .filter(c -> c == '\n')
                    .count();
    // The last character deleted as a person would: the cursor after it, then Backspace.
    int end = good.indexOf("nvidia-h100-sxm-80gb") + "nvidia-h100-sxm-80gb".length();
    select(end, end);
    keys(Keys.BACK_SPACE);
    wait.until(d -> bad.equals(editorText()));
    wait.until(d -> !d.findElements(By.cssSelector("#errors li.iw-error")).isEmpty());
    WebElement error = driver.findElement(By.cssSelector("#errors li.iw-error"));
    assertTrue(error.getText().contains("line " + line), error.getText());
    assertTrue(error.getText().contains("cluster.accelerator"), error.getText());
    assertTrue(error.getText().contains("did you mean 'nvidia-h100-sxm-80gb'"), error.getText());
    // Underlined in the text: the misspelt id on its line, and marked in the gutter.
    wait.until(d -> !d.findElements(By.cssSelector("#editor .cm-lintRange-error")).isEmpty());
    List<WebElement> underlined =
        driver.findElements(By.cssSelector("#editor .cm-lintRange-error"));
    assertEquals(1, underlined.size());
    assertEquals(line, lineOf(underlined.get(0)));
    assertEquals("nvidia-h100-sxm-80g", underlined.get(0).getText());
    assertEquals(1, driver.findElements(By.cssSelector("#editor .cm-lint-marker-error")).size());
    // The message on hover.
    new Actions(driver).moveToElement(underlined.get(0)).perform();
    wait.until(
        d ->
            d.findElements(By.cssSelector(".cm-tooltip-lint")).stream()
                .anyMatch(t -> t.getText().contains("did you mean 'nvidia-h100-sxm-80gb'")));
    shot("02-validation-error");
    new Actions(driver).moveByOffset(0, 400).perform();

    type(
        good.replace("count: 1024", "count: 2048")
            .replace("name: h100-1024-training-cluster", "name: browser-test-cluster"));
    wait.until(d -> d.findElements(By.cssSelector("#errors li")).isEmpty());
    wait.until(d -> d.findElements(By.cssSelector("#editor .cm-lintRange-error")).isEmpty());
    wait.until(d -> !d.findElement(By.id("dashboard")).getAttribute("class").contains("stale"));
    waitForCharts("#dashboard", 4);
    assertTrue(
        driver.findElement(By.id("dashboard")).getText().contains("2,048")
            || driver.findElement(By.id("dashboard")).getText().contains("2048"));
    shot("03-fixed-plan");
  }

  @Test
  @Order(4)
  void completionOffersTheKeysAMappingLacksAndCatalogIds() throws IOException {
    String saved = editorText();
    // A new line in site, which has region and cooling: the other site keys are offered.
    String cooling = "  cooling: liquid-cold-plate";
    int end = saved.indexOf(cooling) + cooling.length();
    select(end, end);
    keys(Keys.ENTER, "pu");
    wait.until(d -> completions().contains("pue"));
    assertFalse(completions().contains("region"), completions().toString());
    assertFalse(completions().contains("cooling"), completions().toString());
    shot("03b-completion-key");
    keys(Keys.ENTER, "1.2");
    wait.until(d -> editorText().contains(cooling + "\n  pue: 1.2\n"));

    // A catalog model's id, as the reader's schema lists them: the ids the typed text matches
    // (the editor matches loosely, so Llama 3.2's ids are offered beside Llama 3's).
    int model = editorText().indexOf("llama3-70b");
    select(model, model + "llama3-70b".length());
    keys("llama3-");
    wait.until(d -> completions().contains("llama3-405b"));
    assertTrue(completions().contains("llama3-8b"), completions().toString());
    assertTrue(
        completions().stream().allMatch(c -> c.startsWith("llama3")), completions().toString());
    shot("03c-completion-id");
    keys(Keys.ESCAPE);

    type(saved);
    wait.until(d -> d.findElements(By.cssSelector("#errors li")).isEmpty());
  }

  @Test
  @Order(5)
  void hoveringAKeyShowsItsReference() throws IOException {
    ScenarioReference.Row row =
        ScenarioReference.parse(
                Files.readString(Path.of("../docs/reference/scenario.md"), StandardCharsets.UTF_8))
            .row("finance.horizonYears")
            .orElseThrow();
    new Actions(driver).moveToElement(token("iw-tok-key", "horizonYears")).perform();
    wait.until(d -> !d.findElements(By.cssSelector(".cm-tooltip-hover .iw-doc")).isEmpty());
    String doc = driver.findElement(By.cssSelector(".cm-tooltip-hover .iw-doc")).getText();
    assertTrue(doc.contains("finance.horizonYears"), doc);
    assertTrue(doc.contains(row.meaning()), doc);
    assertTrue(doc.contains(row.unit()), doc);
    assertTrue(doc.contains("default\n" + row.defaultValue()), doc);
    shot("03d-hover-doc");
    new Actions(driver).moveByOffset(0, 400).perform();
    wait.until(d -> d.findElements(By.cssSelector(".cm-tooltip-hover")).isEmpty());

    // A key inside a flow mapping: fabric: {kind: …, …}.
    new Actions(driver).moveToElement(token("iw-tok-key", "kind")).perform();
    wait.until(
        d ->
            d.findElements(By.cssSelector(".cm-tooltip-hover .iw-doc")).stream()
                .anyMatch(t -> t.getText().startsWith("cluster.fabric.kind\n")));
    new Actions(driver).moveByOffset(0, 400).perform();
  }

  @Test
  @Order(6)
  void simulatingAddsTheCompletionTimeDistribution() throws IOException {
    js("document.getElementById('trials').value = '200';");
    driver.findElement(By.id("btn-simulate")).click();
    wait.until(
        d ->
            !d.findElements(
                    By.cssSelector(
                        "#dashboard .iw-chart[data-chart='completion'][data-rendered='true'] svg"))
                .isEmpty());
    shot("04-simulated");
  }

  @Test
  @Order(7)
  void exportMakesAReportFileOfTheEditorsScenario() {
    driver.findElement(By.id("btn-export-html")).click();
    wait.until(
        d -> d.findElement(By.id("status")).getText().equals("exported browser-test-cluster.html"));
    driver.findElement(By.id("btn-export-md")).click();
    wait.until(
        d -> d.findElement(By.id("status")).getText().equals("exported browser-test-cluster.md"));
  }

  @Test
  @Order(8)
  void aSavedScenarioIsThereAfterAReload() throws IOException {
    String text = editorText();
    driver.findElement(By.id("btn-save")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().startsWith("saved "));
    savedId = driver.findElement(By.id("status")).getText().split(" ")[1];
    assertEquals("browser-test-cluster", savedId);
    assertTrue(driver.getCurrentUrl().endsWith("#scenario=" + savedId), driver.getCurrentUrl());

    driver.navigate().refresh();
    wait.until(d -> text.equals(editorText()));
    wait.until(d -> d.findElement(By.id("current")).getText().startsWith(savedId + " (version 1)"));
    waitForCharts("#dashboard", 4);
    shot("05-reloaded");
  }

  @Test
  @Order(9)
  void switchingScenarioAsksBeforeDroppingUnsavedChanges() {
    String saved = editorText();
    String edited = saved.replace("count: 2048", "count: 4096");
    type(edited);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("scenario-select")))
        .selectByValue("example:gpt4-class-25k-h100");
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
    driver.switchTo().alert().dismiss();
    assertEquals(edited, editorText());
    assertEquals(
        "saved:" + savedId, driver.findElement(By.id("scenario-select")).getAttribute("value"));
    type(saved);
  }

  @Test
  @Order(10)
  void anEarlierVersionReopensFromTheHistoryAndSavesAsTheNewest() throws IOException {
    String first = editorText();
    type(first.replace("count: 2048", "count: 4096"));
    driver.findElement(By.id("btn-save")).click();
    wait.until(d -> d.findElement(By.id("current")).getText().equals(savedId + " (version 2)"));
    wait.until(
        d -> d.findElements(By.cssSelector("#history-select option[value='1']")).size() == 1);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("history-select")))
        .selectByValue("1");
    wait.until(d -> first.equals(editorText()));
    // Reopened, not yet saved: the scenario is still at version 2 until Save.
    assertEquals(savedId + " (version 2)", driver.findElement(By.id("current")).getText());
    shot("05b-history");
    // Saved with the editor's shortcut this time.
    select(0, 0);
    new Actions(driver).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
    wait.until(d -> d.findElement(By.id("current")).getText().equals(savedId + " (version 3)"));
    assertEquals(first, editorText());
  }

  @Test
  @Order(11)
  void twoSavedScenariosCompareSideBySide() throws IOException {
    driver.findElement(By.id("tab-compare")).click();
    for (String id : List.of(savedId, "h100-1024-training-cluster")) {
      driver.findElement(By.cssSelector("#compare-list input[value='" + id + "']")).click();
    }
    driver.findElement(By.id("btn-compare")).click();
    waitForCharts("#compare", 1);
    WebElement table = driver.findElement(By.cssSelector("#compare table.iw-table"));
    assertTrue(table.getText().contains("browser-test-cluster"), table.getText());
    assertTrue(table.getText().contains("h100-1024-training-cluster"), table.getText());
    shot("06-compare");
  }

  @Test
  @Order(12)
  void aSweepShowsItsProgressThenItsParetoFront() throws IOException {
    driver.findElement(By.id("tab-sweep")).click();
    wait.until(d -> ((String) js("return " + SPACE_EDITOR + ".text();")).contains("axes:"));
    token("iw-tok-key", "axes");
    js(
        "const e = "
            + SPACE_EDITOR
            + ";"
            + " e.edit(e.text().replace(/samples: \\d+/, 'samples: 5'));");
    driver.findElement(By.id("btn-sweep")).click();
    wait.until(d -> d.findElement(By.id("sweep-status")).getText().startsWith("done"));
    waitForCharts("#pareto", 1);
    assertFalse(driver.findElements(By.cssSelector("#pareto table.iw-table")).isEmpty());
    shot("07-sweep");
  }

  @Test
  @Order(13)
  void aSweepCanBeCancelled() {
    // A misspelt axis first: listed, and underlined on its line in the space's editor.
    js(
        SPACE_EDITOR
            + ".edit('base: gpt3-training-base\\naxes:\\n"
            + "  cluster.cuont: {from: 512, to: 4607, step: 1}\\n');");
    driver.findElement(By.id("btn-sweep")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#space-errors li")).isEmpty());
    WebElement underlined =
        wait.until(d -> d.findElement(By.cssSelector("#space-editor .cm-lintRange-error")));
    assertEquals(
        3L,
        js(
            "const v = "
                + SPACE_EDITOR
                + ".view;"
                + " return v.state.doc.lineAt(v.posAtDOM(arguments[0])).number;",
            underlined));
    String axis = "  cluster.cuont: {from: 512, to: 4607, step: 1}";
    assertFalse(underlined.getText().isBlank());
    assertTrue(axis.contains(underlined.getText()), underlined.getText());
    js(
        SPACE_EDITOR
            + ".edit('base: gpt3-training-base\\naxes:\\n"
            + "  cluster.count: {from: 512, to: 4607, step: 1}\\n');");
    driver.findElement(By.id("btn-sweep")).click();
    wait.until(d -> d.findElement(By.id("btn-cancel")).isEnabled());
    driver.findElement(By.id("btn-cancel")).click();
    // A sweep stops at the end of a batch of designs (two may be in hand): seconds on idle cores,
    // much longer on cores other builds share.
    new WebDriverWait(driver, Duration.ofSeconds(180))
        .until(d -> d.findElement(By.id("sweep-status")).getText().startsWith("cancelled"));
    assertTrue(driver.findElement(By.id("btn-sweep")).isEnabled());
  }

  @Test
  @Order(14)
  void anExportedReportDrawsItsChartsFromAFileWithNothingFetched() throws IOException {
    String yaml = Files.readString(ApiTest.EXAMPLES.resolve("h100-1024-training-cluster.yaml"));
    String html = new Http(server.url()).post("/api/report?format=html&trials=100", yaml).body();
    Path file = data.resolve("report.html");
    Files.writeString(file, html);
    driver.get(file.toUri().toString());
    waitForCharts("", 6);
    assertFalse(
        driver
            .findElements(
                By.cssSelector(".iw-chart[data-chart='completion'][data-rendered='true'] svg"))
            .isEmpty());
    Object fetched =
        js(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => !e.name.startsWith('file:') && !e.name.startsWith('data:')).length;");
    assertEquals(0L, fetched);
    shot("08-report-offline");
  }
}
