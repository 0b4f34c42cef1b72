package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI end to end in headless Chromium: load the page, edit a scenario into a validation error
 * and out of it, see the charts render, save, reload, compare, sweep; and an exported HTML report
 * opened from a file with the network off. Screenshots go to target/screenshots.
 */
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

  static String editorText() {
    return (String) js("return document.getElementById('editor').value;");
  }

  /** Replaces the editor's text as typing would: the input event fires. */
  static void type(String text) {
    js(
        "const e = document.getElementById('editor'); e.value = arguments[0];"
            + " e.dispatchEvent(new Event('input'));",
        text);
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
    shot("01-example-plan");
  }

  @Test
  @Order(2)
  void aTypoIsListedWithItsLineMarkedAndAFixClearsIt() throws IOException {
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
    type(bad);
    wait.until(d -> !d.findElements(By.cssSelector("#errors li.iw-error")).isEmpty());
    WebElement error = driver.findElement(By.cssSelector("#errors li.iw-error"));
    assertTrue(error.getText().contains("line " + line), error.getText());
    assertTrue(error.getText().contains("cluster.accelerator"), error.getText());
    assertTrue(error.getText().contains("did you mean 'nvidia-h100-sxm-80gb'"), error.getText());
    assertEquals(
        1,
        driver
            .findElements(By.cssSelector("#gutter .iw-error-line[data-line='" + line + "']"))
            .size());
    shot("02-validation-error");

    type(
        good.replace("count: 1024", "count: 2048")
            .replace("name: h100-1024-training-cluster", "name: browser-test-cluster"));
    wait.until(d -> d.findElements(By.cssSelector("#errors li")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#gutter .iw-error-line")).isEmpty());
    wait.until(d -> !d.findElement(By.id("dashboard")).getAttribute("class").contains("stale"));
    waitForCharts("#dashboard", 4);
    assertTrue(
        driver.findElement(By.id("dashboard")).getText().contains("2,048")
            || driver.findElement(By.id("dashboard")).getText().contains("2048"));
    shot("03-fixed-plan");
  }

  @Test
  @Order(3)
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
  @Order(4)
  void exportMakesAReportFileOfTheEditorsScenario() {
    driver.findElement(By.id("btn-export-html")).click();
    wait.until(
        d -> d.findElement(By.id("status")).getText().equals("exported browser-test-cluster.html"));
    driver.findElement(By.id("btn-export-md")).click();
    wait.until(
        d -> d.findElement(By.id("status")).getText().equals("exported browser-test-cluster.md"));
  }

  @Test
  @Order(5)
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
  @Order(6)
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
  @Order(7)
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
    driver.findElement(By.id("btn-save")).click();
    wait.until(d -> d.findElement(By.id("current")).getText().equals(savedId + " (version 3)"));
    assertEquals(first, editorText());
  }

  @Test
  @Order(8)
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
  @Order(9)
  void aSweepShowsItsProgressThenItsParetoFront() throws IOException {
    driver.findElement(By.id("tab-sweep")).click();
    wait.until(
        d ->
            ((String) js("return document.getElementById('space-editor').value;"))
                .contains("axes:"));
    js(
        "const e = document.getElementById('space-editor');"
            + " e.value = e.value.replace(/samples: \\d+/, 'samples: 5');");
    driver.findElement(By.id("btn-sweep")).click();
    wait.until(d -> d.findElement(By.id("sweep-status")).getText().startsWith("done"));
    waitForCharts("#pareto", 1);
    assertFalse(driver.findElements(By.cssSelector("#pareto table.iw-table")).isEmpty());
    shot("07-sweep");
  }

  @Test
  @Order(10)
  void aSweepCanBeCancelled() {
    js(
        "const e = document.getElementById('space-editor');"
            + " e.value = 'base: gpt3-training-base\\naxes:\\n"
            + "  cluster.count: {from: 512, to: 4607, step: 1}\\n';");
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
  @Order(11)
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
