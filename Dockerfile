# echo-gateway: built from source, so `docker build .` is all a user with only Docker needs.

# --- build: compile and package with the Maven wrapper -----------------------------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# The wrapper and the pom come first, so the dependency download is a layer of its own that source changes keep.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/echo-gateway-*-exec.jar extract --layers --destination /extracted \
 && mv /extracted/application/echo-gateway-*.jar /extracted/application/echo-gateway.jar

# --- runtime: a JRE, the layers from the least to the most often changed, an AOT cache, a non-root user ----------
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 echo && useradd --system --uid 10001 --gid echo --no-create-home echo
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The operator's settings, every one with its default; Spring Boot reads ./application.yml from the working directory.
COPY application.yml ./
# A training run records the classes the application loads and links into an AOT cache, which makes start-up faster;
# spring.aot.enabled uses the bean definitions Spring Boot worked out at build time (process-aot in the pom).
# spring.context.exit=onRefresh stops it after the context refreshed, before the TCP server or Tomcat listen. The run
# uses the same JVM options as the ENTRYPOINT, or the JVM would ignore the cache.
RUN java -XX:MaxRAMPercentage=75 -XX:AOTCacheOutput=echo-gateway.aot -Dspring.aot.enabled=true \
        -Dspring.context.exit=onRefresh -jar echo-gateway.jar
USER echo
EXPOSE 5388 8081
# Healthy means ready: the readiness group answers 200 while the TCP server listens and 503 while it drains. Bash's
# /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# MaxRAMPercentage sizes the heap from the container's memory limit, not the host's; the JVM's default of 25 % wastes
# most of a container whose only tenant is this JVM, and 75 % leaves room for metaspace, thread stacks and buffers.
# Exec form: the JVM is PID 1 and receives SIGTERM itself, so the drain runs on docker stop and pod deletion.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=echo-gateway.aot", "-Dspring.aot.enabled=true", "-jar", "echo-gateway.jar"]
