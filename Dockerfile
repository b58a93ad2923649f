# The application image used by docker-compose.yml. Build the jar first: ./mvnw -q -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
# The unpacked layout (insiders.jar, lib/ and the JVM options): it starts faster than the single jar.
COPY api-sink/target/app/ /app/
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/insiders.jar"]
