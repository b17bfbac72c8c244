{{/*
The metrics exporter (percona/mongodb_exporter), a sidecar of each MongoDB pod: include "mongo.metricsContainer" in
the containers of the pod spec (it renders nothing unless metrics.enabled). It connects to its own pod's mongod over
the loopback interface, one member only (direct connection), so a replica set's members each report their own server
status and their view of the set, replication lag included. The monitoring user's password reaches it as
MONGODB_PASSWORD from the Secret, which the exporter adds to the URI itself: no credential in its arguments.
*/}}
{{- define "mongo.metricsContainer" -}}
{{- if .Values.metrics.enabled }}
- name: metrics
  image: {{ include "mongo.metricsImage" . | quote }}
  imagePullPolicy: {{ .Values.metrics.image.pullPolicy }}
  args:
    - --mongodb.uri=mongodb://127.0.0.1:{{ .Values.containerPort }}/admin
    - --mongodb.direct-connect
    # serverStatus (connections, opcounters...) and, on a replica set, replSetGetStatus; --compatible-mode adds the
    # classic names computed from them, such as mongodb_mongod_replset_member_replication_lag.
    - --collector.diagnosticdata
    - --collector.replicasetstatus
    - --compatible-mode
    - --web.listen-address=:{{ .Values.metrics.port }}
    {{- with .Values.metrics.extraArgs }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  securityContext:
    {{- toYaml .Values.metrics.securityContext | nindent 4 }}
  ports:
    - name: metrics
      containerPort: {{ .Values.metrics.port }}
      protocol: TCP
  env:
    - name: MONGODB_USER
      value: {{ .Values.metrics.username | quote }}
    - name: MONGODB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: {{ include "mongo.secretName" . }}
          key: mongodb-monitor-password
  {{- /*
  The pod is ready only when all its containers are: the exporter's readiness is a mere open port, so that a
  MongoDB that the exporter cannot query never leaves its Service. Liveness asks the landing page, which queries
  nothing, and restarts only the exporter.
  */}}
  startupProbe:
    tcpSocket:
      port: metrics
    periodSeconds: 5
    failureThreshold: 12
  livenessProbe:
    httpGet:
      path: /
      port: metrics
    periodSeconds: 20
    timeoutSeconds: 5
    failureThreshold: 3
  readinessProbe:
    tcpSocket:
      port: metrics
    periodSeconds: 10
    failureThreshold: 3
  resources:
    {{- toYaml .Values.metrics.resources | nindent 4 }}
{{- end }}
{{- end }}

{{/*
The monitoring user's name and password, for create-users.js (include it in the env of the container or Job that runs
the script); nothing unless metrics.enabled.
*/}}
{{- define "mongo.metricsUserEnv" -}}
{{- if .Values.metrics.enabled }}
- name: MONGO_MONITOR_USERNAME
  value: {{ .Values.metrics.username | quote }}
- name: MONGO_MONITOR_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mongo.secretName" . }}
      key: mongodb-monitor-password
{{- end }}
{{- end }}

{{/*
Exporter image reference: repository, then the digest if given, else the tag.
*/}}
{{- define "mongo.metricsImage" -}}
{{- with .Values.metrics.image }}
{{- if .digest }}
{{- printf "%s@%s" .repository .digest }}
{{- else }}
{{- printf "%s:%s" .repository .tag }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Selector labels of the metrics Service, which the ServiceMonitor selects it by.
*/}}
{{- define "mongo.metricsSelectorLabels" -}}
{{ include "mongo.selectorLabels" . }}
app.kubernetes.io/component: metrics
{{- end }}

{{/*
Labels of the metrics Service and ServiceMonitor: the common labels, with their own component.
*/}}
{{- define "mongo.metricsLabels" -}}
helm.sh/chart: {{ include "mongo.chart" . }}
{{ include "mongo.metricsSelectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/part-of: restaurant-api
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
