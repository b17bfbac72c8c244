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
A connection string: pass a dict with "ctx", "user" and "password".
*/}}
{{- define "mongo.uri" -}}
{{- $ctx := .ctx }}
{{- printf "mongodb://%s:%s@%s:%d/%s?authSource=%s" (urlquery .user) (urlquery .password) (include "mongo.host" $ctx) (int $ctx.Values.service.port) $ctx.Values.auth.database $ctx.Values.auth.database }}
{{- end }}
