{{/*
Expand the name of the chart.
*/}}
{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
Truncated at 63 characters because some Kubernetes name fields are limited to this (DNS naming spec).
If the release name contains the chart name, the release name is used as the full name.
*/}}
{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "app.labels" -}}
helm.sh/chart: {{ include "app.chart" . }}
{{ include "app.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/component: api
app.kubernetes.io/part-of: restaurant-api
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of the `helm test` pod and its NetworkPolicy.
*/}}
{{- define "app.testLabels" -}}
helm.sh/chart: {{ include "app.chart" . }}
{{ include "app.testSelectorLabels" . }}
app.kubernetes.io/component: test
app.kubernetes.io/part-of: restaurant-api
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels of the `helm test` pod: not the API's, so that the Service never routes to it.
*/}}
{{- define "app.testSelectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the service account to use.
*/}}
{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository, then the digest if given, else the tag (default: the chart's appVersion).
*/}}
{{- define "app.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the MongoDB connection string.
*/}}
{{- define "app.mongodbSecretName" -}}
{{- default (include "app.fullname" .) .Values.mongodb.existingSecret }}
{{- end }}

{{/*
Checksum of the MongoDB connection string Secret, so that a change rolls the pods.
For an existing Secret the live data is looked up (empty when rendered without a cluster).
*/}}
{{- define "app.mongodbSecretChecksum" -}}
{{- if .Values.mongodb.existingSecret }}
{{- $secret := lookup "v1" "Secret" .Release.Namespace .Values.mongodb.existingSecret | default dict }}
{{- get $secret "data" | default dict | toJson | sha256sum }}
{{- else }}
{{- include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/*
Fail the rendering when the termination grace period does not cover the preStop sleep and the shutdown phase.
*/}}
{{- define "app.validateGracePeriod" -}}
{{- $needed := add .Values.gracefulShutdown.preStopSleepSeconds .Values.gracefulShutdown.timeoutPerShutdownPhaseSeconds }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be greater than gracefulShutdown.preStopSleepSeconds + gracefulShutdown.timeoutPerShutdownPhaseSeconds (%d)" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- end }}
{{- end }}
