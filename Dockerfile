# The application image used by docker-compose.yml. Build the jar first: ./mvnw -q -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
# The unpacked layout (insiders.jar, lib/ and the JVM options): it starts faster than the single jar.
COPY api-sink/target/app/lib/ /app/lib/
COPY api-sink/target/app/insiders.jar api-sink/target/app/jvm.options /app/
# The class data sharing archive the build wrote holds the build's paths and JDK, so the image writes its own,
# the way api-sink/pom.xml does (its cds-training execution): one start until the context is refreshed, on a
# throwaway embedded broker. jvm.options is pointed at it.
RUN sed -i 's|^"-XX:SharedArchiveFile=.*"$|"-XX:SharedArchiveFile=/app/insiders.jsa"|' /app/jvm.options \
 && if [ -f "$JAVA_HOME/lib/server/classes.jsa" ]; then \
      java @/app/jvm.options -XX:SharedArchiveFile="$JAVA_HOME/lib/server/classes.jsa" \
        -XX:ArchiveClassesAtExit=/app/insiders.jsa -Dspring.context.exit=onRefresh -jar /app/insiders.jar \
        --insiders.kafka.bootstrap-servers= --insiders.kafka.data-dir=/tmp/cds-training >/tmp/cds-training.log 2>&1 \
        || { cat /tmp/cds-training.log; exit 1; }; \
      rm -rf /tmp/cds-training /tmp/cds-training.log; \
    fi
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/insiders.jar"]
