using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Sweeps;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests.Web;

/// <summary>The sweep page in a real headless browser, following a real sweep as it runs on a silo process.</summary>
[Trait("Category", "Cluster")]
public sealed class SweepPageBrowserTests(ITestOutputHelper output)
{
    private const string SweepId = "web-page";

    [Fact]
    public async Task TheSweepPageShowsARunningSweepsTrialsAndUpdatesWithoutAReload()
    {
        await using var cluster = ProcessCluster.OnLocalhost(output, new Dictionary<string, string>());
        var silo = await cluster.StartSiloAsync("sierra");
        var client = await cluster.ConnectAsync(silo);
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(SweepId);
        Assert.True((await coordinator.SubmitAsync(TinySweep.Spec(SweepId, students: 2, maxConcurrent: 1))).Accepted);
        using var web = new SiloWeb(silo);
        using var browser = HeadlessChromium.Start();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(90)) { PollingInterval = TimeSpan.FromMilliseconds(250) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));

        browser.Navigate().GoToUrl(web.Url("/sweeps"));
        wait.Until(driver => driver.FindElements(By.CssSelector($"tr[data-sweep='{SweepId}'] a")).Count == 1);
        browser.FindElement(By.CssSelector($"tr[data-sweep='{SweepId}'] a")).Click();

        wait.Until(driver => Progress(driver).Split(' ').Length == 3);
        Assert.Equal(["teacher", "t000", "t001"], Progress(browser).Split(' ').Select(trial => trial[..trial.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal("running", browser.FindElement(By.Id("status")).Text);
        // Survives only as long as the page is not loaded again.
        ((IJavaScriptExecutor)browser).ExecuteScript("window.stillTheSamePage = true;");
        var first = Progress(browser);

        var later = wait.Until(driver => Progress(driver) is var now && now != first ? now : null);
        output.WriteLine($"trial status and epochs went from {first} to {later}");
        Assert.Equal(true, ((IJavaScriptExecutor)browser).ExecuteScript("return window.stillTheSamePage === true;"));

        // Once the first student ends, its point appears on the plot and its curve under it, still without a reload.
        wait.Until(driver => driver.FindElements(By.CssSelector("#pareto circle")).Count > 0);
        Assert.NotEmpty(browser.FindElements(By.CssSelector("#curve-metric polyline")));
        Assert.Equal(true, ((IJavaScriptExecutor)browser).ExecuteScript("return window.stillTheSamePage === true;"));
        Assert.False(browser.FindElement(By.Id("error")).Displayed);
    }

    /// <summary>
    /// Every trial's row as the page shows it now, "trial:status/epochs" apart by spaces, read in one script: the page
    /// rebuilds its table on each refresh, so elements found one by one may be gone by the next call.
    /// </summary>
    private static string Progress(IWebDriver driver) => (string)((IJavaScriptExecutor)driver).ExecuteScript("""
        return [...document.querySelectorAll('#trials tbody tr')]
          .map(row => `${row.dataset.trial}:${row.querySelector("[data-field='status']").textContent}/${row.querySelector("[data-field='epochs']").textContent}`)
          .join(' ');
        """)!;
}
