# The application image used by docker-compose.yml. Build the jar first: ./mvnw -q -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY api-sink/target/insiders.jar /app/insiders.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/insiders.jar"]
