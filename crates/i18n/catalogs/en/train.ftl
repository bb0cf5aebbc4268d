# gradgraph train's and predict's reports in English, and the lines of the files a run
# writes. Every message here is in ../pt-BR/train.ftl too, in the same order, with the
# same variables.

## gradgraph train: the report

train-trained = trained { $architecture } ({ $parameters } parameters) on { $dataset } ({ $samples } samples, { $task }) for { $steps } { $steps ->
        [one] step
       *[other] steps
    } in { $seconds } s
train-task-regression = regression
train-task-binary = binary classification
train-task-classes = classification into { $classes } classes
train-recipe = defaults for { $dataset }: { $flags } (give the flags to choose otherwise)
train-loss = loss ({ $loss }{ $l2 }): { $first } -> { $last }
train-still-falling = the loss was still falling (by { $drop } over the last 10% of the steps): more --steps would lower it
train-accuracy = training accuracy: { $accuracy }%
train-rmse = training RMSE: { $rmse }
train-test-accuracy = test accuracy: { $accuracy }% ({ $samples } samples)
train-test-rmse = test RMSE: { $rmse } ({ $samples } samples)
train-torch = in PyTorch: { $module }
train-torch-none = in PyTorch: no module reproduces an activation of this model (step)
train-diverged = training diverged: the loss is { $loss } from step { $step } on; try a smaller --lr or --clip-norm{ $files }
train-diverged-files = ; no file was written (a model with non-finite parameters is never saved)
train-long-run = note: { $steps } steps on { $samples } samples will take about { $duration } (estimated from the first step); fewer --steps, a smaller --batch-size or fewer samples run faster
train-progress = { $bar } { $pos }/{ $len } steps  loss { $msg }  (about { $eta } left)

## the files a run writes

wrote = wrote { $path }
wrote-frames = wrote { $count } backward frames ({ $what }) to { $folder }

## gradgraph predict: the table and its score

predict-sample = sample
predict-label = label
predict-value = value
predict-output = output { $k }
predict-class = class
predict-accuracy = accuracy: { $accuracy }% ({ $samples } labelled samples)
predict-rmse = RMSE: { $rmse } ({ $samples } labelled samples)
predict-not-finite = the prediction for sample { $sample } is not finite ({ $outputs }): an input far out of the range the model was trained on?
predict-label-range-two = 0 and 1
predict-label-range = 0 to { $last }
predict-bad-label = --dataset { $file }: line { $line }: label { $label }, but the model has { $classes } classes ({ $range })
predict-label-named-as-input = --dataset { $file }: { $count } input columns ({ $columns }), but the model reads { $inputs }; a label column goes last, named as no input is (like y)
predict-columns = --dataset { $file }: { $count } { $count ->
        [one] column
       *[other] columns
    } ({ $columns }), but the model reads { $inputs } { $inputs ->
        [one] input
       *[other] inputs
    }: expected { $inputs } columns (the inputs) or { $more } (the inputs, then a label)

## gradgraph train: what it refuses before training

train-samples-of-file = --samples and --noise apply to built-in data sets, not to the file { $file }
train-page-batch-norm = the page's nets have no batch normalisation; drop --batch-norm, or draw one sample's graph with --svg
train-page-task = the page reads the task from the data, as without --task; drop --task for --html
train-page-samples = { $samples } samples is more than the { $limit } the page trains on; use fewer --samples
train-page-parameters = a net of { $parameters } parameters is more than the page's { $limit }; use fewer hidden units
train-activations-count = --activation { $activations }: { $count } activations for { $layers } hidden { $layers ->
        [one] layer
       *[other] layers
    } (--hidden { $hidden }): give one activation per hidden layer, or one for all
train-batch-norm-batch = --batch-norm needs --batch-size of at least 2
train-output-applied-by-loss = --output { $output }: the { $loss } loss applies { $applied } to the model's raw scores itself, so --output { $output } would be ignored; drop --output (the model outputs { $applied }), give --output linear (the raw scores), or choose a loss that uses it (--loss mse or hinge)
train-softmax-of-one = --output softmax: a softmax needs at least 2 outputs (one per class), and this { $task } task with the { $loss } loss has { $outputs }; use --output sigmoid or linear
train-hidden-none-alone = --hidden: "none" means no hidden layer, so it stands alone; expected sizes like { $sizes } or none

## a model file: what is assumed of a PyTorch file, what a gradgraph file records

model-why-raw-scores = the raw scores
model-why-loss-default = the default for the loss
model-assumed-relu = its hidden layers are taken as relu (--activation NAME or NAME,NAME,... to choose)
model-assumed-output = its output function as { $output }, { $why } (--output to choose)
model-no-metadata = note: { $source } has no gradgraph metadata (a PyTorch state_dict): { $assumed }
model-no-hidden-layer = no hidden layer
model-records-activations = --activation { $flag }: { $source } records its activations ({ $recorded }); --activation applies to a safetensors file without gradgraph's metadata (saved from PyTorch)
model-records-output = --output { $flag }: { $source } records its output function ({ $recorded }); --output applies to a safetensors file without gradgraph's metadata (saved from PyTorch)

# the note on the page of train --html
train-page-note = trained for { $steps } { $steps ->
    [one] step
   *[other] steps
} on { $dataset } as gradgraph train did (the same losses, bit for bit); rewind to watch it again, or change anything.

## train --plot

train-plot-probability = probability of class 1
train-plot-score = score
train-plot-boundary = { $what }, boundary at { $threshold }
train-plot-predicted-class = predicted class
train-plot-fit = fit of { $dataset }
train-plot-data = data
train-plot-model = model
train-plot-loss-title = training loss
train-plot-step = step
train-plot-loss = loss
train-plot-slow = note: --plot evaluates the net ({ $parameters } parameters) at { $points } points: about { $time }
