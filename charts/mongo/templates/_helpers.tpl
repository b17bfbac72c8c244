{{/*
Expand the name of the chart.
*/}}
{{- define "mongo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
Truncated at 63 characters because some Kubernetes name fields are limited to this (DNS naming spec).
If the release name contains the chart name, the release name is used as the full name.
*/}}
{{- define "mongo.fullname" -}}
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
{{- define "mongo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "mongo.labels" -}}
helm.sh/chart: {{ include "mongo.chart" . }}
{{ include "mongo.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/component: database
app.kubernetes.io/part-of: restaurant-api
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "mongo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mongo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels that select the MongoDB pods. A replica set's members add their component, so that the initiation Job's pods
(same name and instance) are not taken for members by the Services, the disruption budget and the NetworkPolicy.
*/}}
{{- define "mongo.podSelectorLabels" -}}
{{ include "mongo.selectorLabels" . }}
{{- if eq .Values.architecture "replicaset" }}
app.kubernetes.io/component: database
{{- end }}
{{- end }}

{{/*
Labels that select the pods of the Job that initiates the replica set.
*/}}
{{- define "mongo.initSelectorLabels" -}}
{{ include "mongo.selectorLabels" . }}
app.kubernetes.io/component: replicaset-init
{{- end }}

{{/*
Labels of the Job that initiates the replica set: the common labels with its own component.
*/}}
{{- define "mongo.initLabels" -}}
helm.sh/chart: {{ include "mongo.chart" . }}
{{ include "mongo.initSelectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/part-of: restaurant-api
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Name of the service account to use.
*/}}
{{- define "mongo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mongo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository, then the digest if given, else the tag (default: the chart's appVersion).
*/}}
{{- define "mongo.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the passwords and connection strings.
*/}}
{{- define "mongo.secretName" -}}
{{- default (include "mongo.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{/*
Name of the PersistentVolumeClaim holding the data.
*/}}
{{- define "mongo.claimName" -}}
{{- default (include "mongo.fullname" .) .Values.persistence.existingClaim }}
{{- end }}

{{/*
Host name of the MongoDB Service, as used in connection strings.
*/}}
{{- define "mongo.host" -}}
{{- printf "%s.%s.svc.%s" (include "mongo.fullname" .) .Release.Namespace .Values.clusterDomain }}
{{- end }}

{{/*
Name of the headless Service that gives each replica-set member its DNS name.
*/}}
{{- define "mongo.headlessServiceName" -}}
{{- printf "%s-headless" (include "mongo.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
host:port of every replica-set member, comma-separated, in ordinal order: <pod>.<headless Service>.<namespace>.svc.<domain>.
*/}}
{{- define "mongo.memberHosts" -}}
{{- $hosts := list }}
{{- range $ordinal := until (int .Values.replicaCount) }}
{{- $hosts = append $hosts (printf "%s-%d.%s.%s.svc.%s:%d" (include "mongo.fullname" $) $ordinal (include "mongo.headlessServiceName" $) $.Release.Namespace $.Values.clusterDomain (int $.Values.containerPort)) }}
{{- end }}
{{- join "," $hosts }}
{{- end }}

{{/*
A connection string: pass a dict with "ctx", "user" and "password". A replica set's names every member, so that the
driver finds the primary from any of them, and the set's name, so that it connects to no other set.
*/}}
{{- define "mongo.uri" -}}
{{- $ctx := .ctx }}
{{- if eq $ctx.Values.architecture "replicaset" }}
{{- printf "mongodb://%s:%s@%s/%s?authSource=%s&replicaSet=%s" (urlquery .user) (urlquery .password) (include "mongo.memberHosts" $ctx) $ctx.Values.auth.database $ctx.Values.auth.database (urlquery $ctx.Values.replicaSet.name) }}
{{- else }}
{{- printf "mongodb://%s:%s@%s:%d/%s?authSource=%s" (urlquery .user) (urlquery .password) (include "mongo.host" $ctx) (int $ctx.Values.service.port) $ctx.Values.auth.database $ctx.Values.auth.database }}
{{- end }}
{{- end }}
