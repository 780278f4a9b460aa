package io.shopfloor.dashboard;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.MachineState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's package, driven by Selenium through Debian's chromedriver) opens the dashboard on spec
 * example 1, sees machine tiles change while the test publishes machine states and KPIs to Kafka, reads the finished
 * order's statistics table and the job card, and saves screenshots under target/.
 */
class DashboardBrowserTest {
    @RegisterExtension
    static final Example1Dashboard EXAMPLE_1 = new Example1Dashboard();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ChromeDriverService service;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        // Explicit paths: Selenium Manager must not look for (or download) a browser or driver.
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2000", "--lang=en-US");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, TIMEOUT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void machineTilesChangeLiveAndTheFinishedOrdersStatisticsTableShows() throws Exception {
        browser.get(EXAMPLE_1.running().dashboard.uri().toString());
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-machine='CUT-1'] .state"), "STOPPED"));
        WebElement cut = browser.findElement(By.cssSelector("[data-machine='CUT-1']"));
        assertEquals("tile state-STOPPED", cut.getAttribute("class"));
        assertEquals("80.0 %\nOEE, shift NIGHT 2026-03-01 to date", cut.findElement(By.className("oee")).getText());
        assertEquals(List.of("60", "0"), List.of(cut.findElement(By.className("good")).getText(),
                cut.findElement(By.className("scrap")).getText()));
        screenshot("dashboard-before.png");

        // The machine starts running again and its next KPI window comes in: the tile follows without a reload.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.body.dataset.marker = 'one page'");
        EXAMPLE_1.running().publish(List.of(
                Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "CUT-1",
                        Example1Dashboard.state("CUT-1", MachineState.RUNNING, null, 400)),
                Example1Dashboard.record(KafkaTopics.MACHINE_KPIS, "CUT-1",
                        Example1Dashboard.kpi("CUT-1", 300, 450, 40, 3, 0, 86, 0.9556, 1.0, 0.9302)),
                // A machine whose routing's ideal cycle time is too long: 100 parts x 1 min in 60 min.
                Example1Dashboard.record(KafkaTopics.MACHINE_KPIS, "L9-PRESS-1",
                        Example1Dashboard.kpi("L9-PRESS-1", 600, 660, 100, 0, 0, 60, 1.0, 1.6667, 1.0))));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-machine='CUT-1'] .state"),
                "RUNNING"));
        // Shift to date: 206 min production in 236 planned busy, 103 parts x 2 min, 100 good.
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-machine='CUT-1'] .oee"),
                "84.7 %\nOEE, shift NIGHT 2026-03-01 to date"));
        cut = browser.findElement(By.cssSelector("[data-machine='CUT-1']"));
        assertEquals(List.of("87.3 %", "100.0 %", "97.1 %", "93.0 %", "100 / 3 pcs"), List.of(
                cut.findElement(By.className("availability")).getText(),
                cut.findElement(By.className("performance")).getText(),
                cut.findElement(By.className("quality")).getText(),
                cut.findElement(By.className("oee-hour")).getText(), // the window overlapping the last hour
                cut.findElement(By.className("shift-parts")).getText()));
        List<String> bar = new ArrayList<>();
        cut.findElements(By.cssSelector(".time-bar span")).forEach(part -> bar.add(part.getAttribute("title")));
        assertEquals(List.of("Production: 206.0 min", "Setup: 30.0 min"), bar);
        assertEquals("Setup 30.0 min", cut.findElement(By.className("loss-text")).getText());
        // Stops by code from the state changes of the shift: CUT-1 stopped with code BREAK from 06:30 to 06:40.
        assertEquals("Stops: BREAK 10.0 min", cut.findElement(By.className("stops-by-code")).getText());
        // The order the machine works on, as the ledger has it: 100 of 100 pieces, finished.
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-machine='CUT-1'] .order-progress"),
                "100 / 100 pcs (100.00 %)"));
        assertEquals(List.of("RPO-1001 / 10", "finished"), List.of(
                browser.findElement(By.cssSelector("[data-machine='CUT-1'] .operation")).getText(),
                browser.findElement(By.cssSelector("[data-machine='CUT-1'] .expected-end")).getText()));
        WebElement press = browser.findElement(By.cssSelector("[data-machine='L9-PRESS-1']"));
        assertEquals(List.of("⚠ check\nOEE, shift EARLY 2026-03-02 to date",
                        "Ideal cycle time suspect: performance 166.7 %"),
                List.of(press.findElement(By.className("oee")).getText(),
                        press.findElement(By.className("finding")).getText()));
        assertTrue(cut.getAttribute("class").startsWith("tile state-RUNNING"), cut.getAttribute("class"));
        assertEquals(List.of("100", "3"), List.of(cut.findElement(By.className("good")).getText(),
                cut.findElement(By.className("scrap")).getText()));
        assertEquals("one page", browser.findElement(By.tagName("body")).getAttribute("data-marker"),
                "the page was not reloaded");
        // Charts per line: CUT-1's two KPI windows make the line CUT (MC-ASSY's and L9-PRESS-1's single windows are
        // dots). The charts redraw a moment after a burst of updates: wait for it.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#output-chart polyline"), 1));
        WebElement line = browser.findElement(By.cssSelector("#output-chart polyline"));
        assertEquals(List.of(2, "CUT"), List.of(line.getAttribute("points").split(" ").length,
                line.findElement(By.tagName("title")).getAttribute("textContent")));
        // The OEE trend: per line and ten minutes, a value on hover; L9's window is a finding, not a point.
        List<String> hover = new ArrayList<>();
        browser.findElements(By.cssSelector("#oee-chart circle.point title"))
                .forEach(title -> hover.add(title.getAttribute("textContent")));
        assertEquals(List.of("CUT 02:30 UTC: 80 %", "CUT 07:30 UTC: 93 %"), hover);
        List<String> legend = new ArrayList<>();
        browser.findElements(By.cssSelector("#oee-chart > text"))
                .forEach(text -> legend.add(text.getAttribute("textContent")));
        assertTrue(legend.containsAll(List.of("CUT", "MC", "L9")), legend.toString());
        Files.write(SCREENSHOTS.resolve("dashboard-machines.png"),
                browser.findElement(By.id("machines-section")).getScreenshotAs(OutputType.BYTES));
        Files.write(SCREENSHOTS.resolve("dashboard-charts.png"),
                browser.findElement(By.id("charts-section")).getScreenshotAs(OutputType.BYTES));

        // The finished order's statistics table, cell by cell (spec example 1).
        By table = By.cssSelector("table.statistics[data-order='RPO-1001']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(table));
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElement(table).findElements(By.cssSelector("tbody tr"))) {
            List<String> cells = new ArrayList<>(List.of(row.findElement(By.tagName("th")).getText()));
            row.findElements(By.tagName("td")).forEach(cell -> cells.add(cell.getText()));
            rows.add(String.join(" | ", cells));
        }
        assertEquals(List.of(
                "Material | 455.00 | 455.00 | 464.45 | 2.0769 | 9.45",
                "Capacity | 280.00 | 280.00 | 286.00 | 2.1429 | 6.00",
                "Subcontracted | 0.00 | 0.00 | 0.00 | 0.0000 | 0.00",
                "Capacity overhead | 46.00 | 46.00 | 47.20 | 2.6087 | 1.20",
                "Manufacturing overhead | 0.00 | 0.00 | 0.00 | 0.0000 | 0.00",
                "Total | 781.00 | 781.00 | 797.65 | 2.1319 | 16.65"), rows);
        WebElement order = browser.findElement(By.cssSelector("#orders tr[data-order='RPO-1001']"));
        assertEquals(List.of("FINISHED", "100.00000", "3.00000"), List.of(
                order.findElement(By.className("status")).getText(),
                order.findElement(By.className("output")).getText(),
                order.findElement(By.className("scrap")).getText()));
        assertEquals(11, browser.findElements(By.cssSelector("#entries tbody tr")).size());

        // The dead-letter panel: per reason, per machine or source, the latest with reason and detail.
        assertEquals("3 in all", browser.findElement(By.id("dead-letter-total")).getText());
        assertEquals(List.of("INVALID_JSON 2 2026-03-02 07:01:00", "ORDER_NOT_RELEASED 1 2026-03-02 08:30:00"),
                rowTexts("#dead-letters-by-reason tbody tr"));
        assertEquals(List.of("CUT-1 2 2026-03-02 07:01:00", "RPO-9999 1 2026-03-02 08:30:00"),
                rowTexts("#dead-letters-by-source tbody tr"));
        assertEquals(List.of(
                "2026-03-02 08:30:00 ORDER_NOT_RELEASED RPO-9999 is not a released order RPO-9999 order-inputs "
                        + "posting",
                "2026-03-02 07:01:00 INVALID_JSON Unexpected end-of-input CUT-1 "
                        + "plant/site1/area1/L1/CUT-1/counter/good bridge",
                "2026-03-02 07:00:00 INVALID_JSON Unexpected end-of-input CUT-1 "
                        + "plant/site1/area1/L1/CUT-1/counter/good bridge"), rowTexts("#dead-letters tbody tr"));
        assertTrue(!browser.findElement(By.id("no-dead-letters")).isDisplayed(), "no 'no dead letters' note");
        screenshot("dashboard.png");
        WebElement panel = browser.findElement(By.id("dead-letters-section"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", panel);
        Files.write(SCREENSHOTS.resolve("dead-letters.png"), panel.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void jobCardShowsEachOperationWithWhatTheMachinesReported() throws Exception {
        browser.get(EXAMPLE_1.running().dashboard.uri().resolve("jobcard.html?order=RPO-1001").toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("section.operation[data-operation]"), 2));
        WebElement cut = browser.findElement(By.cssSelector("section[data-operation='10']"));
        assertEquals(List.of("30 MINUTES", "200 MINUTES", "230 MINUTES"), List.of(
                cut.findElement(By.className("setup")).getText(), cut.findElement(By.className("run")).getText(),
                cut.findElement(By.className("needed")).getText()));
        assertEquals(List.of("100", "3", "2026-03-02", "CUT-1"), List.of(
                cut.findElement(By.cssSelector("tr.reported .output")).getText(),
                cut.findElement(By.cssSelector("tr.reported .scrap")).getText(),
                cut.findElement(By.cssSelector("tr.reported .date")).getText(),
                cut.findElement(By.cssSelector("tr.reported .by")).getText()));
        assertEquals(List.of("30 MINUTES", "206 MINUTES"), List.of(
                cut.findElement(By.className("reported-setup")).getText(),
                cut.findElement(By.className("reported-run")).getText()));
        // Status and routing status as the ledger has them: the order list shows RPO-1001 FINISHED.
        assertEquals(List.of("FINISHED", "FINISHED", "FINISHED"), List.of(
                browser.findElement(By.cssSelector(".header .status")).getText(),
                cut.findElement(By.className("routing-status")).getText(),
                browser.findElement(By.cssSelector("section[data-operation='20'] .routing-status")).getText()));
        assertEquals("216.3", cut.findElement(By.cssSelector("tr[data-item='STEEL'] .consumed")).getText());
        WebElement assembly = browser.findElement(By.cssSelector("section[data-operation='20']"));
        assertTrue(assembly.findElement(By.tagName("h2")).getText()
                .startsWith("Operation 20 — machine center MC-ASSY (Assembly cell)"),
                assembly.findElement(By.tagName("h2")).getText());
        assertEquals("MC-ASSY", assembly.findElement(By.cssSelector("tr.reported .by")).getText());
        assertEquals(1, browser.findElements(By.cssSelector("section.unlinked tr[data-item='PAINT']")).size());
        screenshot("jobcard.png");
        // And it prints: Chromium renders the print stylesheet to a PDF.
        Pdf pdf = ((PrintsPage) browser).print(new PrintOptions());
        byte[] document = java.util.Base64.getDecoder().decode(pdf.getContent());
        Files.write(SCREENSHOTS.resolve("jobcard.pdf"), document);
        assertEquals("%PDF-", new String(document, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The cells of each row, joined by spaces. */
    private List<String> rowTexts(String rowSelector) {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector(rowSelector))) {
            List<String> cells = new ArrayList<>();
            row.findElements(By.tagName("td")).forEach(cell -> cells.add(cell.getText()));
            rows.add(String.join(" ", cells));
        }
        return rows;
    }

    private void screenshot(String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 10_000, file + " is " + Files.size(file) + " bytes");
    }
}
