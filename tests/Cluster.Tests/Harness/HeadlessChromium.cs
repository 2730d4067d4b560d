using OpenQA.Selenium.Chrome;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver (both from apt: build/test-prerequisites.sh installs them), so
/// Selenium never looks for a browser or driver to download.
/// </summary>
internal static class HeadlessChromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start()
    {
        foreach (var path in new[] { Browser, Driver })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} is missing: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; build/test-prerequisites.sh does)", path);
            }
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1200");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
