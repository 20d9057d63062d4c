-- Designer deploys that the manager policy would refuse (scripts, classes, method calls): only admins may make them,
-- and the deploy row says so, with the reasons (issue 11). Instances of such a deployment are started by admins only.
ALTER TABLE model_deployment ADD COLUMN policy_exempt BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE model_deployment ADD COLUMN policy_notes TEXT;
