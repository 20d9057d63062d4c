package io.refinery.engine.modeling;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Vars;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The designer's server side. Every file from outside goes through {@link SafeModelReader} first; drafts live in our
 * own table; a deploy validates everything first and then makes one Camunda deployment with all files (atomic: all
 * definitions get a new version or none does), recording who deployed in the same transaction. Mutating methods are
 * for managers and admins only, checked here whatever the caller (REST or UI).
 */
@Service
public class ProcessModels implements io.refinery.engine.dataset.DatasetProcesses {
    /** Camunda deployment source of designer deployments. */
    public static final String DEPLOYMENT_SOURCE = "refinery-designer";

    private final SafeModelReader reader;
    private final DraftRepository drafts;
    private final EngineCheck engineCheck;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ModelTemplates templates;
    private final TestRuns testRuns;
    private final Clock clock = Clock.systemUTC();
    private final ModelPolicy policy = new ModelPolicy();
    private final Map<String, ContractReport> contracts = new java.util.concurrent.ConcurrentHashMap<>();

    public ProcessModels(RefineryProperties settings, DraftRepository drafts, ProcessEngine engine,
                         ModelTemplates templates, TestRuns testRuns) {
        this.testRuns = testRuns;
        this.reader = new SafeModelReader(settings.models().maxBytes());
        this.drafts = drafts;
        this.engineCheck = new EngineCheck(engine);
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.identity = engine.getIdentityService();
        this.templates = templates;
    }

    // ---------------------------------------------------------------------------------------------- files

    /** Reads an uploaded file safely (size, no DOCTYPE/entities, depth, well-formed) and tells BPMN from DMN. */
    public ModelFile read(String fileName, InputStream in) {
        SafeModelReader.Parsed parsed = reader.read(fileName, in);
        return new ModelFile(fileName, parsed.kind(), parsed.xml());
    }

    /** Same checks for XML that arrives as text (a draft saved from the editor, a file in a validate request). */
    ModelFile read(String fileName, String xml) {
        SafeModelReader.Parsed parsed = reader.read(fileName, xml);
        return new ModelFile(fileName, parsed.kind(), parsed.xml());
    }

    // ---------------------------------------------------------------------------------------------- drafts

    @Transactional
    public Draft saveDraft(String id, String name, ModelKind kind, String xml, CurrentUser user) {
        requireModeler(user, "save drafts");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("a draft needs a name of 1 to 200 characters");
        }
        String fileName = fileNameOf(name, kind);
        SafeModelReader.Parsed parsed = reader.read(fileName, xml);
        if (kind != null && parsed.kind() != kind) {
            throw ApiException.badRequest("draft '" + name + "' was declared " + kind + " but its XML is "
                    + parsed.kind());
        }
        Draft draft = new Draft(id == null ? UUID.randomUUID().toString() : id, name.strip(), parsed.kind(),
                parsed.key(), parsed.xml(), user.id(), clock.instant());
        if (id == null) {
            drafts.insert(draft);
        } else if (!drafts.update(draft)) {
            throw ApiException.notFound("draft " + id);
        }
        return draft;
    }

    @Transactional(readOnly = true)
    public List<DraftSummary> drafts() {
        return drafts.list();
    }

    @Transactional(readOnly = true)
    public Draft draft(String id) {
        return drafts.find(id).orElseThrow(() -> ApiException.notFound("draft " + id));
    }

    /** Marks the draft deleted (kept with who and when); 404 when there is no such live draft. */
    @Transactional
    public void deleteDraft(String id, CurrentUser user) {
        requireModeler(user, "delete drafts");
        if (!drafts.markDeleted(id, user.id(), clock.instant())) {
            throw ApiException.notFound("draft " + id);
        }
    }

    // ---------------------------------------------------------------------------------------------- validate, deploy

    /** {@link #validate(List, CurrentUser)} as for a manager: the strictest check. */
    public Validation validate(List<ModelFile> files) {
        return validate(files, null);
    }

    /**
     * Everything a deploy by {@code user} would refuse, and the lint rules: per file the XML safety and well-formedness
     * checks, Camunda's own parse (BPMN parse errors with element ids, lines, columns; DMN transform errors),
     * {@link ModelLint}, and — unless the user is an admin — the manager policy ({@link ModelPolicy}: nothing but the
     * platform's steps, listeners and plain expressions); across files, duplicate file names and process or decision
     * keys defined twice. Also, per process, the dataset-process contract ({@link DatasetContract}), which does not
     * block a deploy.
     */
    public Validation validate(List<ModelFile> files, CurrentUser user) {
        List<Problem> problems = new ArrayList<>();
        if (files == null || files.isEmpty()) {
            return new Validation(List.of(new Problem(null, "no files to validate", Problem.XML, null, null)));
        }
        boolean admin = user != null && user.hasRole(Roles.ADMIN);
        Set<String> names = new HashSet<>();
        Map<String, String> keys = new HashMap<>();
        List<ModelFile> readable = new ArrayList<>();
        for (ModelFile given : files) {
            ModelFile file;
            SafeModelReader.Parsed parsed;
            try {
                parsed = reader.read(given.fileName(), given.xml());
                file = TemplateSteps.complete(new ModelFile(given.fileName(), parsed.kind(), parsed.xml()));
            } catch (ModelRejected e) {
                problems.add(new Problem(null, e.getMessage(), Problem.XML, e.line(), e.column(), given.fileName()));
                continue;
            }
            readable.add(file);
            if (!names.add(resourceName(file))) {
                problems.add(new Problem(null, "two files are named '" + resourceName(file) + "'", Problem.XML,
                        null, null, file.fileName()));
            }
            if (parsed.key() != null) {
                String other = keys.putIfAbsent(file.kind() + ":" + parsed.key(), file.fileName());
                if (other != null) {
                    problems.add(new Problem(parsed.key(), "'" + parsed.key() + "' is defined in both '" + other
                            + "' and '" + file.fileName() + "'", Problem.ENGINE, null, null, file.fileName()));
                }
            }
            if (!admin) {
                // the original text, not the completed one: the platform's additions are its own
                for (Problem p : policy.check(new ModelFile(given.fileName(), parsed.kind(), parsed.xml()))) {
                    problems.add(p.inFile(file.fileName()));
                }
            }
            for (Problem p : engineCheck.check(file)) {
                problems.add(p.fileName() == null ? p.inFile(file.fileName()) : p);
            }
            for (Problem p : ModelLint.check(file)) {
                problems.add(p.inFile(file.fileName()));
            }
        }
        return new Validation(problems, contract(readable));
    }

    /** The dataset-process contract of each process in the files; decisions come from the files, else deployed. */
    private List<ContractReport> contract(List<ModelFile> files) {
        Map<String, Set<String>> inFiles = new HashMap<>();
        files.stream().filter(f -> f.kind() == ModelKind.DMN).forEach(f -> inFiles.putAll(DatasetContract.decisionInputs(f)));
        DatasetContract.Decisions decisions = key -> inFiles.containsKey(key) ? java.util.Optional.of(inFiles.get(key))
                : deployedDecisionInputs(key);
        List<ContractReport> reports = new ArrayList<>();
        for (ModelFile file : files) {
            for (ContractReport r : DatasetContract.check(file, decisions)) {
                reports.add(new ContractReport(r.processKey(), r.datasetProcess(), r.steps(),
                        r.problems().stream().map(p -> p.inFile(file.fileName())).toList()));
            }
        }
        return reports;
    }

    private java.util.Optional<Set<String>> deployedDecisionInputs(String key) {
        DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        if (decision == null) {
            return java.util.Optional.empty();
        }
        try (InputStream in = repository.getDecisionModel(decision.getId())) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Set<String> inputs = DatasetContract.decisionInputs(new ModelFile(decision.getResourceName(), ModelKind.DMN,
                    xml)).get(key);
            return java.util.Optional.of(inputs == null ? Set.of() : inputs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Deploys all files as one new Camunda deployment (each definition gets a new version), after {@link #validate}
     * found nothing; records who deployed in the same transaction. Refused with {@link ModelInvalid} (nothing
     * deployed) when any problem is found, lint problems included. An admin's deploy is not held to the manager
     * policy; when it breaks it, the deploy row keeps the reasons ({@code policy_exempt}).
     */
    @Transactional
    public Deployment deploy(String name, List<ModelFile> files, CurrentUser user) {
        requireModeler(user, "deploy");
        Validation validation = validate(files, user);
        if (!validation.ok()) {
            throw new ModelInvalid(validation);
        }
        String policyNotes = null;
        if (user.hasRole(Roles.ADMIN)) {
            List<String> notes = new ArrayList<>();
            for (ModelFile given : files) {
                ModelFile file = read(given.fileName(), given.xml());
                policy.check(file).forEach(p -> notes.add(file.fileName() + ": " + p.message()));
            }
            policyNotes = notes.isEmpty() ? null : String.join("\n", notes);
        }
        String deploymentName = name == null || name.isBlank() ? files.get(0).fileName() : name.strip();
        DeploymentBuilder builder = repository.createDeployment().name(deploymentName).source(DEPLOYMENT_SOURCE);
        for (ModelFile given : files) {
            ModelFile file = TemplateSteps.complete(read(given.fileName(), given.xml()));
            builder.addString(resourceName(file), file.xml());
        }
        DeploymentWithDefinitions deployed;
        try {
            deployed = builder.deployWithResult();
        } catch (ParseException e) {
            throw new ModelInvalid(new Validation(EngineCheck.problems(e)));
        }
        Instant at = deployed.getDeploymentTime() == null ? clock.instant() : deployed.getDeploymentTime().toInstant();
        drafts.recordDeployment(deployed.getId(), deploymentName, user.id(), at, policyNotes);
        List<DeployedDefinition> definitions = new ArrayList<>();
        for (ProcessDefinition d : nullSafe(deployed.getDeployedProcessDefinitions())) {
            definitions.add(definition(d, user.id(), at));
        }
        for (DecisionDefinition d : nullSafe(deployed.getDeployedDecisionDefinitions())) {
            definitions.add(definition(d, user.id(), at));
        }
        return new Deployment(deployed.getId(), definitions, validation.contract());
    }

    // ---------------------------------------------------------------------------------------------- dataset processes

    /**
     * The dataset-process contract of a deployed process definition (deployments never change, so the answer is
     * kept). Shipped processes deployed at start-up are checked like any other.
     */
    public ContractReport contractOf(String definitionId) {
        return contracts.computeIfAbsent(definitionId, id -> {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(id)
                    .singleResult();
            if (definition == null) {
                throw ApiException.notFound("process definition " + id);
            }
            ModelFile file = new ModelFile(definition.getResourceName(), ModelKind.BPMN, definitionXml(id));
            return contract(List.of(file)).stream().filter(r -> r.processKey().equals(definition.getKey()))
                    .findFirst().orElse(new ContractReport(definition.getKey(), false, List.of(), List.of(
                            new Problem(definition.getKey(), "the process is not executable", DatasetContract.SOURCE,
                                    null, null))));
        });
    }

    /**
     * The deployed process definition a demand runs: {@code key} at {@code version} (null: the latest), refused with
     * the reasons when it does not pass the dataset-process contract, or when it was deployed by an admin beyond the
     * manager policy and {@code user} is no admin.
     */
    @Transactional(readOnly = true)
    public ProcessDefinition datasetProcess(String key, Integer version, CurrentUser user) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
        ProcessDefinition definition = version == null ? query.latestVersion().singleResult()
                : query.processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw ApiException.badRequest("field 'processKey': no deployed process '" + key + "'"
                    + (version == null ? "" : " in version " + version));
        }
        ContractReport report = contractOf(definition.getId());
        if (!report.datasetProcess()) {
            throw ApiException.badRequest("field 'processKey': process '" + key + "' version " + definition.getVersion()
                    + " cannot build a dataset: " + String.join("; ", report.problems().stream()
                    .map(Problem::message).toList()));
        }
        requireRunnableBy(definition, user);
        return definition;
    }

    @Override
    public Chosen choose(String key, Integer version, CurrentUser user) {
        ProcessDefinition d = datasetProcess(key, version, user);
        return new Chosen(d.getId(), d.getKey(), d.getVersion());
    }

    /** Every deployed version of every process, latest first, with whether a demand may name it (and why not). */
    @Transactional(readOnly = true)
    public List<ProcessChoice> processChoices() {
        List<ProcessChoice> choices = new ArrayList<>();
        for (DeployedDefinition d : versions(null)) {
            if (d.kind() == ModelKind.BPMN) {
                ContractReport report = contractOf(d.definitionId());
                choices.add(new ProcessChoice(d, report.datasetProcess(), report.steps(), report.problems()));
            }
        }
        return choices;
    }

    private void requireRunnableBy(ProcessDefinition definition, CurrentUser user) {
        if (user != null && !user.hasRole(Roles.ADMIN) && drafts.policyExempt(definition.getDeploymentId())) {
            throw ApiException.forbidden("process '" + definition.getKey() + "' version " + definition.getVersion()
                    + " was deployed by an admin with steps the platform does not offer (scripts, classes or method"
                    + " calls): only admins may run it");
        }
    }

    // ---------------------------------------------------------------------------------------------- versions

    /** Every deployed version of {@code processKey} (process or decision key), or of all keys when null; latest first. */
    @Transactional(readOnly = true)
    public List<DeployedDefinition> versions(String processKey) {
        ProcessDefinitionQuery processes = repository.createProcessDefinitionQuery();
        DecisionDefinitionQuery decisions = repository.createDecisionDefinitionQuery();
        if (processKey != null) {
            processes.processDefinitionKey(processKey);
            decisions.decisionDefinitionKey(processKey);
        }
        List<ProcessDefinition> ps = processes.list();
        List<DecisionDefinition> ds = decisions.list();
        Set<String> deploymentIds = new HashSet<>();
        ps.forEach(p -> deploymentIds.add(p.getDeploymentId()));
        ds.forEach(d -> deploymentIds.add(d.getDeploymentId()));
        Map<String, Instant> times = new HashMap<>();
        if (!deploymentIds.isEmpty()) {
            for (String id : deploymentIds) {
                var d = repository.createDeploymentQuery().deploymentId(id).singleResult();
                if (d != null && d.getDeploymentTime() != null) {
                    times.put(id, d.getDeploymentTime().toInstant());
                }
            }
        }
        Map<String, String> by = drafts.deployers(deploymentIds);
        List<DeployedDefinition> all = new ArrayList<>();
        ps.forEach(p -> all.add(definition(p, by.get(p.getDeploymentId()), times.get(p.getDeploymentId()))));
        ds.forEach(d -> all.add(definition(d, by.get(d.getDeploymentId()), times.get(d.getDeploymentId()))));
        all.sort(DeployedDefinition::latestFirst);
        return all;
    }

    /** The XML of a deployed process or decision definition, as deployed (read-only view of old versions). */
    @Transactional(readOnly = true)
    public String definitionXml(String definitionId) {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        String deploymentId;
        String resource;
        if (process != null) {
            deploymentId = process.getDeploymentId();
            resource = process.getResourceName();
        } else {
            DecisionDefinition decision = repository.createDecisionDefinitionQuery().decisionDefinitionId(definitionId)
                    .singleResult();
            if (decision == null) {
                throw ApiException.notFound("definition " + definitionId);
            }
            deploymentId = decision.getDeploymentId();
            resource = decision.getResourceName();
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Starts an instance of a deployed process definition as {@code user}; returns its id. Without a
     * {@code versionId} variable a test dataset version is made for it (see {@link TestRuns}): the demand's variables
     * get defaults, and the small customer-service sample becomes its source unless {@code source} is given.
     */
    @Transactional
    public String startTestInstance(String definitionId, Map<String, Object> variables, CurrentUser user) {
        requireModeler(user, "start test instances");
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        if (definition == null) {
            throw ApiException.notFound("process definition " + definitionId);
        }
        requireRunnableBy(definition, user);
        Map<String, Object> vars = testRuns.prepare(definition.getKey(), variables == null ? Map.of() : variables, user);
        identity.setAuthenticatedUserId(user.id());
        String instanceId;
        try {
            instanceId = runtime.startProcessInstanceById(definitionId, "test-" + vars.get(Vars.VERSION_ID), vars)
                    .getId();
        } finally {
            identity.clearAuthentication();
        }
        if (variables == null || !variables.containsKey(Vars.VERSION_ID)) {
            testRuns.attach(((Number) vars.get(Vars.VERSION_ID)).longValue(), instanceId);
        }
        return instanceId;
    }

    // ---------------------------------------------------------------------------------------------- templates

    public List<String> templateNames() {
        return templates.names();
    }

    public String templateXml(String name) {
        return templates.xml(name).orElseThrow(() -> ApiException.notFound("template '" + name + "'"));
    }

    /** The dataset steps as Camunda 7 element templates (JSON array) for the palette and the properties panel. */
    public String elementTemplates() {
        return templates.elementTemplates();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static boolean isModeler(CurrentUser user) {
        return user != null && (user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN));
    }

    private static void requireModeler(CurrentUser user, String what) {
        if (!isModeler(user)) {
            throw ApiException.forbidden("only managers and admins may " + what);
        }
    }

    /** The name Camunda deploys a file under: it picks deployers by extension, so BPMN ends in .bpmn, DMN in .dmn. */
    static String resourceName(ModelFile file) {
        String name = file.fileName();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean known = file.kind() == ModelKind.BPMN ? lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")
                : lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
        return known ? name : name + file.kind().extension();
    }

    private static String fileNameOf(String name, ModelKind kind) {
        String safe = name.strip().replaceAll("[/\\\\\\p{Cntrl}]", "_");
        return safe + (kind == null ? "" : kind.extension());
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static DeployedDefinition definition(ProcessDefinition d, String by, Instant at) {
        return new DeployedDefinition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getDeploymentId(), by, at,
                d.getResourceName());
    }

    private static DeployedDefinition definition(DecisionDefinition d, String by, Instant at) {
        return new DeployedDefinition(d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getDeploymentId(), by, at,
                d.getResourceName());
    }
}
