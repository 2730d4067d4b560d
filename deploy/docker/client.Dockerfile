# syntax=docker/dockerfile:1
# facekd-client: the facekd command-line client, with the example sweep specs under /app/examples.
# Build from the repository root:  docker build -f deploy/docker/client.Dockerfile -t facekd-client:local .
# Run:  docker run --rm -e FACEKD_GATEWAY=HOST:30000 facekd-client:local sweep run /app/examples/quickstart.yaml

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so that a code change reuses the restored layer.
COPY .editorconfig Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY Records/Records.csproj Records/
COPY Distillation/Distillation.csproj Distillation/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY ClientLibrary/ClientLibrary.csproj ClientLibrary/
COPY Grains/Grains.csproj Grains/
COPY Silo/Silo.csproj Silo/
COPY Client/Client.csproj Client/
RUN dotnet restore Client/Client.csproj -r linux-x64
COPY Records/ Records/
COPY Distillation/ Distillation/
COPY Grains.Interfaces/ Grains.Interfaces/
COPY ClientLibrary/ ClientLibrary/
COPY Grains/ Grains/
COPY Silo/ Silo/
COPY Client/ Client/
RUN dotnet publish Client/Client.csproj -c Release -r linux-x64 --self-contained false --no-restore -p:UseAppHost=false -o /app/publish

# ASP.NET runtime, not the plain one: the client references the silo project (its embedded 'sweep run' mode), so
# its runtimeconfig names Microsoft.AspNetCore.App and a runtime:10.0 image could not start it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
COPY examples/ /app/examples/
USER $APP_UID
ENTRYPOINT ["dotnet", "facekd.dll"]
