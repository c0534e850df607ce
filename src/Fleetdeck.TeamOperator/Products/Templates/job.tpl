{{- /* Fleetdeck's session Job template for the Launcher's Kubernetes plugin (templating interface 2.5). */ -}}
{{- $data := include "rstudio-library.templates.data" nil | mustFromJson -}}
{{- $pod := default dict $data.pod -}}
{{- $job := default dict $data.job -}}
apiVersion: batch/v1
kind: Job
metadata:
  generateName: {{ toYaml .Job.generateName }}
  annotations:
    {{- range $k, $v := .Job.metadata.job.annotations }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
    {{- range $k, $v := default dict $job.annotations }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
  labels:
    {{- range $k, $v := .Job.metadata.job.labels }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
    {{- range $k, $v := default dict $job.labels }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
spec:
  backoffLimit: 0
  ttlSecondsAfterFinished: {{ default 86400 .Job.ttlSecondsAfterFinished }}
  template:
    metadata:
      annotations:
        {{- range $k, $v := .Job.metadata.pod.annotations }}
        {{ $k }}: {{ toYaml $v }}
        {{- end }}
        {{- range $k, $v := default dict $pod.annotations }}
        {{ $k }}: {{ toYaml $v }}
        {{- end }}
      labels:
        {{- range $k, $v := .Job.metadata.pod.labels }}
        {{ $k }}: {{ toYaml $v }}
        {{- end }}
        {{- range $k, $v := default dict $pod.labels }}
        {{ $k }}: {{ toYaml $v }}
        {{- end }}
    spec:
      restartPolicy: Never
      {{- with default .Job.serviceAccountName $pod.serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      {{- with $pod.securityContext }}
      securityContext: {{ toJson . }}
      {{- end }}
      {{- with $pod.nodeSelector }}
      nodeSelector: {{ toJson . }}
      {{- end }}
      {{- with $pod.tolerations }}
      tolerations: {{ toJson . }}
      {{- end }}
      {{- with $pod.affinity }}
      affinity: {{ toJson . }}
      {{- end }}
      {{- with $pod.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with $pod.imagePullSecrets }}
      imagePullSecrets: {{ toJson . }}
      {{- end }}
      {{- with $pod.initContainers }}
      initContainers: {{ toJson . }}
      {{- end }}
      volumes:
        {{- range .Job.volumes }}
        - {{ toJson . }}
        {{- end }}
        {{- range default list $pod.volumes }}
        - {{ toJson . }}
        {{- end }}
      containers:
        - name: rs-launcher-container
          image: {{ toYaml .Job.container.image }}
          {{- with default "IfNotPresent" $pod.imagePullPolicy }}
          imagePullPolicy: {{ . }}
          {{- end }}
          {{- if $pod.command }}
          command: {{ toJson $pod.command }}
          {{- else if .Job.command }}
          command: ["/bin/sh"]
          args: ["-c", {{ toJson .Job.command }}]
          {{- else }}
          command: [{{ toJson .Job.exe }}]
          args: {{ toJson .Job.args }}
          {{- end }}
          {{- with .Job.workingDirectory }}
          workingDir: {{ toYaml . }}
          {{- end }}
          env:
            {{- range .Job.environment }}
            - name: {{ toYaml .name }}
              value: {{ toYaml .value }}
            {{- end }}
            {{- range default list $pod.env }}
            - {{ toJson . }}
            {{- end }}
          {{- with $pod.containerSecurityContext }}
          securityContext: {{ toJson . }}
          {{- end }}
          resources:
            limits:
              {{- range .Job.resourceLimits }}
              {{- if eq .type "cpuCount" }}
              cpu: {{ toYaml .value }}
              {{- else if eq .type "memory" }}
              memory: {{ printf "%sM" .value | toYaml }}
              {{- else if eq .type "NVIDIA GPUs" }}
              nvidia.com/gpu: {{ toYaml .value }}
              {{- end }}
              {{- end }}
            requests:
              {{- range .Job.resourceLimits }}
              {{- if eq .type "cpuCountRequest" }}
              cpu: {{ toYaml .value }}
              {{- else if eq .type "memoryRequest" }}
              memory: {{ printf "%sM" .value | toYaml }}
              {{- end }}
              {{- end }}
          volumeMounts:
            {{- range .Job.volumeMounts }}
            - {{ toJson . }}
            {{- end }}
            {{- range default list $pod.volumeMounts }}
            - {{ toJson . }}
            {{- end }}
          {{- with .Job.exposedPorts }}
          ports:
            {{- range . }}
            - containerPort: {{ .targetPort }}
              protocol: {{ default "TCP" .protocol }}
            {{- end }}
          {{- end }}
        {{- range default list $pod.extraContainers }}
        - {{ toJson . }}
        {{- end }}
