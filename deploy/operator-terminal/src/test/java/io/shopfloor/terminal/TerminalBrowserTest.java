package io.shopfloor.terminal;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's, through Debian's chromedriver, as the dashboard's test) at a tablet's width: an
 * operator logs in, gets a message next to the scrap code field, previews and posts scrap with a scrap code (clicking
 * Post twice), the supervisor posts a correction applied to an output entry, splits a stop without reason into two
 * reasons (times that do not sum are refused first), returns steel applied to its consumption entry and finishes the
 * order; after each Post
 * the posting job (MiniCluster) writes the ledger store, and the page's ledger table, read back from the store, shows
 * exactly the previewed entries. Screenshots of each screen go to target/screenshots.
 */
class TerminalBrowserTest {
    @RegisterExtension
    static final TerminalPlant PLANT = new TerminalPlant();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String ORDER = TerminalPlant.BROWSER_ORDER;

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
        // A tablet in portrait (820 CSS pixels wide).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=820,1400", "--lang=en-US");
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
    void anOperatorPostsScrapAndASupervisorCorrectsAndFinishesExactlyAsPreviewed() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        browser.get(plant.terminal.uri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        logIn("olga", "not her password");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "unknown user or wrong password"));
        screenshot("01-login-refused.png");
        logIn("olga", TerminalPlant.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), "olga · operator · WC-CUT"));

        // Scrap without its code: the message stands next to the field; nothing is previewed.
        choose("order", ORDER);
        assertEquals("10", new Select(browser.findElement(By.id("operation"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertFalse(browser.findElement(By.cssSelector("#operation option[value='20']")).isEnabled(),
                "operation 20 is another work center's");
        type("scrapQuantity", "2");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".field-error[data-field='scrapCode']"),
                "scrap needs a scrap code"));
        assertFalse(browser.findElement(By.id("post-button")).isEnabled());
        screenshot("02-scrap-code-missing.png");

        // A bin where the location uses none: the rules' refusal, and the same words next to the Bin field.
        type("scrapCode", "DAMAGED");
        type("binCode", "BINS-07");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".field-error[data-field='binCode']"),
                "Bin code not allowed: location MAIN does not use bins (Bin Mandatory is off): bin BINS-07."));
        assertEquals("BIN_CODE_NOT_ALLOWED", browser.findElement(By.id("refusal")).getAttribute("data-reason"));
        assertFalse(browser.findElement(By.id("post-button")).isEnabled());
        screenshot("02b-bin-where-none-is-used.png");
        type("binCode", "");

        type("scrapCode", "DAMAGED");
        List<String> scrapPreview = preview();
        assertEquals(List.of(
                "ILE 1 preview/ILE1 CONSUMPTION -4.2",
                "CLE 1 preview/CLE1 10 2 scrap DAMAGED",
                "VE 1 preview/VE1 DIRECT_COST -6.3 / 0"), scrapPreview);
        screenshot("03-scrap-preview.png");
        // A double click: two Posts of one form before the first answer.
        ((JavascriptExecutor) browser).executeScript(
                "const b = document.getElementById('post-button'); b.click(); b.click();");
        String scrapSourceId = awaitPostedThenCompare(plant, scrapPreview);
        assertEquals(1, journalLines(plant, scrapSourceId).size(), "the double click posted one journal line");
        assertEquals("olga", journalLines(plant, scrapSourceId).get(0).getPostedBy());
        screenshot("04-scrap-in-ledger.png");
        assertEquals("", browser.findElement(By.cssSelector("#journal-form [name='scrapQuantity']"))
                .getAttribute("value"), "a posted form starts empty again");

        // Output of the last operation, from the assembly cell's operator (through the API), to correct below.
        TerminalClient otto = TerminalClient.loggedIn(plant.terminal.uri(), "otto");
        Map<String, Object> output = new LinkedHashMap<>(Map.of("kind", "OUTPUT", "orderNo", ORDER,
                "orderLineNo", 10000, "operationNo", "20", "outputQuantity", "40", "runTime", "40"));
        TerminalClient.Response posted = otto.post("/api/post", TerminalClient.withToken(output, otto.newForm()));
        assertEquals(200, posted.status(), posted.body().toString());
        // A stop the machine could not explain (UNKNOWN) on the cutting operation, to give its reasons below.
        TerminalClient olga = TerminalClient.loggedIn(plant.terminal.uri(), "olga");
        Map<String, Object> stop = new LinkedHashMap<>(Map.of("kind", "OUTPUT", "orderNo", ORDER,
                "orderLineNo", 10000, "operationNo", "10", "stopTime", "12", "stopCode", "UNKNOWN"));
        TerminalClient.Response stopPosted = olga.post("/api/post", TerminalClient.withToken(stop, olga.newForm()));
        assertEquals(200, stopPosted.status(), stopPosted.body().toString());
        plant.post();

        browser.findElement(By.id("logout-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        logIn("sam", TerminalPlant.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), "sam · supervisor"));
        choose("order", ORDER);
        choose("operation", "20");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#applies-to option"), 2));
        long outputEntry = Long.parseLong(browser.findElement(By.cssSelector("#applies-to option:nth-child(2)"))
                .getAttribute("value"));
        assertEquals("entry " + outputEntry + ", open 40", browser.findElement(
                By.cssSelector("#applies-to option:nth-child(2)")).getText());
        choose("applies-to", String.valueOf(outputEntry));
        type("outputQuantity", "-5");
        List<String> correctionPreview = preview();
        assertTrue(correctionPreview.contains("ILE 4 preview/ILE1 OUTPUT -5 applies to " + outputEntry),
                correctionPreview.toString());
        screenshot("05-correction-preview.png");
        browser.findElement(By.id("post-button")).click();
        awaitPostedThenCompare(plant, correctionPreview);
        screenshot("06-correction-in-ledger.png");

        // The unexplained stop split into two reasons: its reversal and one coded entry per reason.
        choose("kind", "RECODE");
        WebElement stopOption = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//select[@id='stop']/option[contains(., '" + ORDER + " op 10')]")));
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("\\(entry (\\d+) of " + ORDER + "\\)")
                .matcher(stopOption.getText());
        assertTrue(entry.find(), stopOption.getText());
        String stopEntry = entry.group(1);
        choose("stop", stopOption.getAttribute("value"));
        type("reasons.1.stopCode", "JAM");
        type("reasons.1.stopTime", "7");
        type("reasons.2.stopCode", "WAIT");
        type("reasons.2.stopTime", "4");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
        assertEquals("STOP_TIMES_DO_NOT_SUM", browser.findElement(By.id("refusal")).getAttribute("data-reason"));
        type("reasons.2.stopTime", "5");
        List<String> recodingPreview = preview();
        int reversal = Integer.parseInt(recodingPreview.get(0).split(" ")[1]);
        assertEquals(List.of(
                "CLE " + reversal + " preview/CLE1 10 -12 stop UNKNOWN applies to " + stopEntry,
                "CLE " + (reversal + 1) + " preview/CLE2 10 7 stop JAM",
                "CLE " + (reversal + 2) + " preview/CLE3 10 5 stop WAIT"), recodingPreview);
        screenshot("07-stop-recoding-preview.png");
        browser.findElement(By.id("post-button")).click();
        awaitPostedThenCompare(plant, recodingPreview);
        screenshot("08-stop-recoded-in-ledger.png");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.xpath(
                "//select[@id='stop']/option[contains(., '" + ORDER + " op 10')]"), 0));

        // Steel returned, applied to the consumption the scrap flushed (at that entry's cost).
        choose("kind", "CONSUMPTION");
        choose("component", "10000");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#applies-from option"), 2));
        WebElement consumed = browser.findElement(By.cssSelector("#applies-from option:nth-child(2)"));
        assertTrue(consumed.getText().startsWith("entry 1, "), consumed.getText());
        assertTrue(consumed.getText().endsWith(", consumed 4.2 KG"), consumed.getText());
        choose("applies-from", consumed.getAttribute("value"));
        type("quantity", "-1.5");
        List<String> returnPreview = preview();
        assertEquals(2, returnPreview.size(), returnPreview.toString());
        assertTrue(returnPreview.get(0).matches("ILE \\d+ preview/ILE1 CONSUMPTION 1\\.5"), returnPreview.toString());
        assertTrue(returnPreview.get(1).matches("VE \\d+ preview/VE1 DIRECT_COST 2\\.25 / 0"),
                returnPreview.toString());
        screenshot("09-return-preview.png");
        browser.findElement(By.id("post-button")).click();
        awaitPostedThenCompare(plant, returnPreview);

        choose("kind", "FINISH");
        List<String> finishPreview = preview();
        assertFalse(finishPreview.isEmpty());
        screenshot("10-finish-preview.png");
        browser.findElement(By.id("post-button")).click();
        awaitPostedThenCompare(plant, finishPreview);
        screenshot("11-finish-in-ledger.png");

        // Finished: the next preview is refused, in words.
        choose("kind", "OUTPUT");
        choose("operation", "10");
        type("outputQuantity", "1");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
        assertEquals(List.of("ORDER_FINISHED", ORDER + " is finished: nothing more can be posted on it"), List.of(
                browser.findElement(By.id("refusal")).getAttribute("data-reason"),
                browser.findElement(By.id("refusal")).getText()));
        screenshot("12-refused-after-finish.png");
        // Listed no more: the ledger holds it as finished (the ERP's master data still says released).
        TerminalClient carla = TerminalClient.loggedIn(plant.terminal.uri(), "carla");
        List<String> listed = new ArrayList<>();
        carla.get("/api/orders").body().forEach(o -> listed.add(o.path("no").asText()));
        assertFalse(listed.contains(ORDER), listed.toString());
    }

    /** A warehouse worker completes part of an inventory put-away: the ledger holds exactly the previewed entries. */
    @Test
    void aWarehouseWorkerPutsAwayOutputIntoABinExactlyAsPreviewed() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        String order = TerminalPlant.BROWSER_PUT_AWAY_ORDER;
        browser.get(plant.terminal.uri().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        logIn("wanda", TerminalPlant.PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.id("whoami"), "wanda · warehouse worker"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("put-away-view")));
        assertFalse(browser.findElement(By.id("journal-view")).isDisplayed(), "a warehouse worker puts away only");

        WebElement location = browser.findElement(By.id("put-away-location"));
        location.sendKeys(TerminalPlant.PUT_AWAY_LOCATION);
        browser.findElement(By.id("put-away-refresh")).click();
        By choose = By.cssSelector("#put-away-requests button[data-order='" + order + "']");
        wait.until(ExpectedConditions.elementToBeClickable(choose));
        assertEquals(order + " 10000 FG-100 WH (enter a bin) 100 PCS Choose", requestRow(order));
        // The list may render again (the load at login and Show requests): click the current button.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(choose).click();
            return true;
        });
        WebElement quantity = browser.findElement(By.cssSelector("#put-away-form [name='quantity']"));
        assertEquals("100", quantity.getAttribute("value"), "the outstanding quantity is proposed");
        quantity.clear();
        quantity.sendKeys("25");
        browser.findElement(By.cssSelector("#put-away-form [name='binCode']")).sendKeys("WH-B-02");
        browser.findElement(By.id("put-away-preview-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("put-away-post-button")));
        List<String> previewed = rows("#put-away-preview");
        assertTrue(previewed.contains("ILE 2 preview/ILE2 OUTPUT 25"), previewed.toString());
        assertTrue(previewed.contains("WE 2 preview/WE2 POSITIVE_ADJMT 25 WH WH-B-02"), previewed.toString());
        screenshot("10-put-away-preview.png");

        browser.findElement(By.id("put-away-post-button")).click();
        wait.until(ExpectedConditions.textMatches(By.id("put-away-posted-status"),
                java.util.regex.Pattern.compile(".+")));
        plant.post();
        WebElement posted = browser.findElement(By.id("put-away-posted"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(posted, "data-source-id"));
        String sourceId = posted.getAttribute("data-source-id");
        assertEquals(previewed, rows("#put-away-posted").stream()
                .map(row -> row.replace(sourceId + "/", "preview/")).toList());
        TerminalClient reader = TerminalClient.loggedIn(plant.terminal.uri(), "carla");
        assertEquals(previewed.size(),
                LedgerComparison.posted(reader.get("/api/posted?sourceId=" + sourceId).body()).size());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("put-away-requests"), "75 PCS"));
        assertEquals(order + " 10000 FG-100 WH (enter a bin) 75 PCS Choose", requestRow(order));
        screenshot("11-put-away-in-ledger.png");
    }

    /** The request's row as its cells' texts, read in one script (the list re-renders while it loads). */
    private String requestRow(String order) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "for (const tr of document.querySelectorAll('#put-away-requests tbody tr')) {"
                        + " const cells = [...tr.cells].map(td => td.innerText.trim());"
                        + " if (cells[0] === arguments[0]) return cells.join(' '); }"
                        + " return null;", order);
    }

    private void logIn(String user, String password) {
        WebElement name = browser.findElement(By.id("login-user"));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
    }

    private void choose(String selectId, String value) {
        // Enabled, not only present: after a new login the previous user's options stand until the page has the
        // new user's orders (another work center's operation is disabled there).
        String option = "#" + selectId + " option[value='" + value + "']:not([disabled])";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(option)));
        new Select(browser.findElement(By.id(selectId))).selectByValue(value);
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.cssSelector("#journal-form [name='" + field + "']"));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks Preview, waits for the entries and returns them as the page shows them. */
    private List<String> preview() {
        ((JavascriptExecutor) browser).executeScript("document.querySelector('#preview tbody').replaceChildren()");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("post-button")));
        return rows("#preview");
    }

    /**
     * Runs the posting job, waits until the page shows the posting's entries from the ledger store and checks they are
     * the previewed ones (with the real source id in their keys); returns the source id.
     */
    private String awaitPostedThenCompare(TerminalPlant.Running plant, List<String> previewed) throws Exception {
        wait.until(ExpectedConditions.textMatches(By.id("posted-status"), java.util.regex.Pattern.compile(".+")));
        plant.post();
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("posted")), "data-source-id"));
        String sourceId = browser.findElement(By.id("posted")).getAttribute("data-source-id");
        List<String> inLedger = rows("#posted");
        assertEquals(previewed, inLedger.stream().map(row -> row.replace(sourceId + "/", "preview/")).toList());
        // And the store itself, read apart from the page, holds exactly these entries.
        TerminalClient reader = TerminalClient.loggedIn(plant.terminal.uri(), "carla");
        assertEquals(LedgerComparison.posted(reader.get("/api/posted?sourceId=" + sourceId).body()).size(),
                inLedger.size());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('posted').dataset.sourceId = ''");
        return sourceId;
    }

    private List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector(table + " tbody tr"))) {
            List<String> cells = new ArrayList<>();
            row.findElements(By.tagName("td")).forEach(cell -> {
                if (!cell.getText().isBlank()) {
                    cells.add(cell.getText());
                }
            });
            rows.add(String.join(" ", cells));
        }
        return rows;
    }

    private static List<JournalLine> journalLines(TerminalPlant.Running plant, String sourceId) throws Exception {
        var decoder = ShopfloorSchemas.decoder(JournalLine.class);
        List<JournalLine> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : plant.kafka.readAll(KafkaTopics.JOURNAL_LINES, false,
                Duration.ofSeconds(2))) {
            JournalLine line = decoder.decode(record.value());
            if (line.getSourceId().equals(sourceId)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void screenshot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
