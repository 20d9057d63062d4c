# The platform (engine + UI). Build the jar first: ./mvnw -B -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY designer/target/refinery-designer-0.1.0-SNAPSHOT.jar /app/refinery.jar
ENV REFINERY_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/refinery.jar"]
