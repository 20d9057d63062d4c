# A worker process. Build the jar first: ./mvnw -B -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY workers/target/refinery-workers-0.1.0-SNAPSHOT-exec.jar /app/worker.jar
ENV REFINERY_WORK_DIR=/work
ENTRYPOINT ["java", "-jar", "/app/worker.jar"]
