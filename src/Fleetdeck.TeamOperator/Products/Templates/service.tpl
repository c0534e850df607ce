{{- /* Fleetdeck's session Service template for the Launcher's Kubernetes plugin (templating interface 2.5). */ -}}
{{- $data := include "rstudio-library.templates.data" nil | mustFromJson -}}
{{- $service := default dict $data.service -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ toYaml .Job.serviceName }}
  annotations:
    {{- range $k, $v := default dict $service.annotations }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
  labels:
    job-name: {{ toYaml .Job.id }}
    {{- range $k, $v := default dict $service.labels }}
    {{ $k }}: {{ toYaml $v }}
    {{- end }}
spec:
  type: {{ default "ClusterIP" $service.type }}
  selector:
    job-name: {{ toYaml .Job.id }}
  ports:
    {{- range $i, $p := .Job.exposedPorts }}
    - name: {{ printf "port%d" $i }}
      protocol: {{ default "TCP" $p.protocol }}
      port: {{ $p.targetPort }}
      targetPort: {{ $p.targetPort }}
    {{- end }}
