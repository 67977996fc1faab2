using Gateway.Host.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Tests.Web;

/// <summary>The page's whole pipeline (<see cref="WebPage.Pipeline"/>) on an in-memory test server.</summary>
sealed class PageFactory(WebContext web, string? password = null) : WebApplicationFactory<WebPage>
{
    protected override IHostBuilder CreateHostBuilder() =>
        Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder().ConfigureWebHost(host => host
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureServices(services => services.AddRouting())
            .Configure(app => WebPage.Pipeline(app, web, password)));
}
