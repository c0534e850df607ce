# syntax=docker/dockerfile:1
# The fleetdeck image: what `fleetdeck install` runs in a cluster (its Deployment passes ["operator", ...] as
# arguments to this entrypoint), and any other fleetdeck command. From the repository root:
#   docker build -t registry.example.com/platform/fleetdeck:1.0.0 .
# See docs/operating.md ("A container image") for pushing it and installing with --image.

# Build on the build machine's own architecture, for the target's (docker buildx build --platform linux/arm64 ...).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source
# Every project under src/ (a new part needs no line here); tests and benchmarks stay out (.dockerignore).
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet publish src/Fleetdeck.Cli/Fleetdeck.Cli.csproj -c Release -a $TARGETARCH -o /app

# The runtime image .NET recommends for ASP.NET Core apps in production: Ubuntu Chiseled (no shell, no package
# manager), non-root by default. Fleetdeck serves HTTP (health, metrics, the APIs), so the aspnet variant.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app .
# The image's own non-root user (APP_UID of .NET's images): `fleetdeck install` runs the pod as the same user.
USER 1654:1654
ENTRYPOINT ["/app/fleetdeck"]
